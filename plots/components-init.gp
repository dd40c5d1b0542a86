set terminal pngcairo noenhanced size 1000,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/components-init.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.2 -0.013015908769740273 0.10588292064069328
0.8 0.027704447651890025 0.2080509377413082
EOD
$bars1 << EOD
0.2 -0.0376399661111293 0.04327501320997774
1.2 -0.01724338559181149 0.02648507370995072
EOD
set title 'mHC, all mappings learned, bias init × static/dynamic: loss gap to residual, mean and 95% interval over 3 seeds (paired by seed)'
set xlabel 'mappings (static: Φ frozen at 0, so H depends only on the biases)'
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('dynamic' 0, 'static' 1) scale 0
set xrange [-0.6:1.6]
set yrange [-0.2718889026955938:0.32729779799937386]
set grid noxtics ytics
set boxwidth 0.36800000000000005 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "−0.013" at first -0.2, first -0.11889882941043356 center offset 0, -1.0 font ',9' front
set label "+0.028" at first 0.8, first 0.23575538539319824 center offset 0, 1.0 font ',9' front
set label "−0.038" at first 0.2, first -0.08091497932110703 center offset 0, -1.0 font ',9' front
set label "−0.017" at first 1.2, first -0.04372845930176221 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#1f77b4' title 'uniform init (b = 0)', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#ff7f0e' title 'identity init (b = ±3)', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
