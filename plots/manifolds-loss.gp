set terminal pngcairo noenhanced size 1100,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/manifolds-loss.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.35000000000000003 -0.013015908769740273 0.10588292064069328
0.6499999999999999 0.00800101234047664 0.17901446530232884
EOD
$bars1 << EOD
-0.25 -0.010913094113253882 0.13390484664501306
0.75 -0.013802883713651681 0.2165181219302379
EOD
$bars2 << EOD
-0.15000000000000002 -0.015477287201941673 0.1019156534732263
0.85 0.08991549353671265 0.2363459657291198
EOD
$bars3 << EOD
-0.05 -0.021352840873961536 0.06664966245359465
0.95 NaN NaN
EOD
$bars4 << EOD
0.05 -0.039886081816604246 0.030924746635084176
1.05 -0.061340741719504877 0.40826109827901136
EOD
$bars5 << EOD
0.15000000000000002 -0.013004518110515543 0.09193334406381867
1.15 0.04629191488029013 0.44663085067634745
EOD
$bars6 << EOD
0.25 -0.026903880616883907 0.031331021880246814
1.25 0.06965726647649717 0.08446667575201046
EOD
$bars7 << EOD
0.35000000000000003 -0.03051732895861174 0.041721178307323005
1.35 NaN NaN
EOD
set title 'final validation loss − residual: mean and 95% interval over 3 seed(s) (paired by seed)'
set xlabel ''
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('reference: 4 layers, C 128, lr 0.003' 0, 'stress: 16 layers, C 64, lr 0.03' 1) scale 0
set xrange [-0.6:1.6]
set yrange [-0.68135725322065:0.7046781787787714]
set grid noxtics ytics
set boxwidth 0.09200000000000001 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "−0.013" at first -0.35000000000000003, first -0.11889882941043356 center offset 0, -1.0 font ',9' front
set label "+0.008" at first 0.6499999999999999, first 0.1870154776428055 center offset 0, 1.0 font ',9' front
set label "−0.011" at first -0.25, first -0.14481794075826696 center offset 0, -1.0 font ',9' front
set label "−0.014" at first 0.75, first -0.23032100564388958 center offset 0, -1.0 font ',9' front
set label "−0.015" at first -0.15000000000000002, first -0.11739294067516798 center offset 0, -1.0 font ',9' front
set label "+0.090" at first 0.85, first 0.32626145926583244 center offset 0, 1.0 font ',9' front
set label "−0.021" at first -0.05, first -0.08800250332755619 center offset 0, -1.0 font ',9' front
set label "variant diverged 3/3" at first 0.95, first 0.0 center offset 0, -1.0 font ',9' front textcolor rgb '#b2182b'
set label "−0.040\nbetter" at first 0.05, first -0.07081082845168843 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.061" at first 1.05, first -0.46960183999851624 center offset 0, -1.0 font ',9' front
set label "−0.013" at first 0.15000000000000002, first -0.10493786217433422 center offset 0, -1.0 font ',9' front
set label "+0.046" at first 1.15, first 0.49292276555663755 center offset 0, 1.0 font ',9' front
set label "−0.027" at first 0.25, first -0.05823490249713072 center offset 0, -1.0 font ',9' front
set label "+0.070" at first 1.25, first 0.15412394222850762 center offset 0, 1.0 font ',9' front
set label "−0.031" at first 0.35000000000000003, first -0.07223850726593474 center offset 0, -1.0 font ',9' front
set label "variant diverged 3/3" at first 1.35, first 0.0 center offset 0, -1.0 font ',9' front textcolor rgb '#b2182b'
plot $bars0 using 1:2 with boxes lc rgb '#1f77b4' title 'sinkhorn', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#2ca02c' title 'birkhoff', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#9467bd' title 'deepseek-v4', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars3 using 1:2 with boxes lc rgb '#ff7f0e' title 'none', \
     $bars3 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars4 using 1:2 with boxes lc rgb '#17becf' title 'kronecker', \
     $bars4 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars5 using 1:2 with boxes lc rgb '#8c564b' title 'orthostochastic', \
     $bars5 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars6 using 1:2 with boxes lc rgb '#bcbd22' title 'circulant', \
     $bars6 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars7 using 1:2 with boxes lc rgb '#7f7f7f' title 'cayley', \
     $bars7 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
