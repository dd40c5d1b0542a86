set terminal pngcairo noenhanced size 1100,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/manifolds-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.3333333333333333 0.20016184570166662 0.08680616970043883
0.6666666666666667 0.0742818760866667 0.0152301720216083
EOD
$bars1 << EOD
-0.2 0.2473608173616667 0.003203801948393279
0.8 0.12126286107000003 0.04136356717041069
EOD
$bars2 << EOD
-0.06666666666666667 0.25572546139999985 0.14319258710756005
0.9333333333333333 0.10089991463666667 0.037707520921742343
EOD
$bars3 << EOD
0.06666666666666667 0.26659300568499994 0.008128119547547502
1.0666666666666667 0.11042429302333336 0.007651542102830683
EOD
$bars4 << EOD
0.2 0.28968507615499994 0.10683162078133966
1.2 0.11814760053333333 0.0017888821688930865
EOD
$bars5 << EOD
0.3333333333333333 0.27669605076833326 0.08686210135483804
1.3333333333333333 0.09500961076999997 0.03424386906040806
EOD
set title 'training step time (s) per run: mean and 95% interval over 2 seed(s)'
set xlabel ''
set ylabel 'seconds per step'
set xtics ('reference' 0, 'stress' 1) scale 0
set xrange [-0.6:1.6]
set yrange [0.0:0.4866800191792231]
set grid noxtics ytics
set boxwidth 0.12266666666666667 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "0.2" at first -0.3333333333333333, first 0.2869680154021055 center offset 0, 1.0 font ',9' front
set label "0.0743" at first 0.6666666666666667, first 0.089512048108275 center offset 0, 1.0 font ',9' front
set label "0.247" at first -0.2, first 0.25056461931005997 center offset 0, 1.0 font ',9' front
set label "0.121" at first 0.8, first 0.16262642824041074 center offset 0, 1.0 font ',9' front
set label "0.256" at first -0.06666666666666667, first 0.3989180485075599 center offset 0, 1.0 font ',9' front
set label "0.101" at first 0.9333333333333333, first 0.13860743555840901 center offset 0, 1.0 font ',9' front
set label "0.267" at first 0.06666666666666667, first 0.27472112523254744 center offset 0, 1.0 font ',9' front
set label "0.11" at first 1.0666666666666667, first 0.11807583512616404 center offset 0, 1.0 font ',9' front
set label "0.29" at first 0.2, first 0.3965166969363396 center offset 0, 1.0 font ',9' front
set label "0.118" at first 1.2, first 0.11993648270222641 center offset 0, 1.0 font ',9' front
set label "0.277" at first 0.3333333333333333, first 0.36355815212317133 center offset 0, 1.0 font ',9' front
set label "0.095" at first 1.3333333333333333, first 0.12925347983040802 center offset 0, 1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#4d4d4d' title 'residual', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#1f77b4' title 'sinkhorn', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#2ca02c' title 'birkhoff', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars3 using 1:2 with boxes lc rgb '#9467bd' title 'deepseek-v4', \
     $bars3 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars4 using 1:2 with boxes lc rgb '#e377c2' title 'deepseek-v4 + learned collapse', \
     $bars4 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars5 using 1:2 with boxes lc rgb '#ff7f0e' title 'none', \
     $bars5 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
