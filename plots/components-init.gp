set terminal pngcairo noenhanced size 900,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/components-init.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.2 -0.02058711899659708 0.042852789937918606
0.8 0.030965124364001895 0.0926717906780984
EOD
$bars1 << EOD
0.2 -0.045087632426467884 0.007852182509742657
1.2 -0.019465314285487995 0.012422881010229259
EOD
set title 'mHC, all mappings learned: bias init × static/dynamic mappings (loss gap to residual, mean ± sd over 3 seeds)'
set xlabel 'mappings (static: Φ frozen at 0, so H depends only on the biases)'
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('dynamic' 0, 'static' 1) scale 0
set xrange [-0.6:1.6]
set yrange [-0.1045968102093712:0.1647938163169558]
set grid noxtics ytics
set boxwidth 0.36800000000000005 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "−0.021" at first -0.2, first -0.06343990893451569 center offset 0, -1.0 font ',9' front
set label "+0.031" at first 0.8, first 0.1236369150421003 center offset 0, 1.0 font ',9' front
set label "−0.045" at first 0.2, first -0.05293981493621054 center offset 0, -1.0 font ',9' front
set label "−0.019" at first 1.2, first -0.03188819529571725 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#1f77b4' title 'uniform init (b = 0)', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#ff7f0e' title 'identity init (b = ±3)', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
