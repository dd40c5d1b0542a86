set terminal pngcairo noenhanced size 1100,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/manifolds-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.3333333333333333 0.20016184570166662 0.009661615331802228
0.6666666666666667 0.0742818760866667 0.0016951336986501344
EOD
$bars1 << EOD
-0.2 0.2473608173616667 0.00035658642849320277
0.8 0.12126286107000003 0.00460380726543739
EOD
$bars2 << EOD
-0.06666666666666667 0.25572546139999985 0.01593748116951916
0.9333333333333333 0.10089991463666667 0.004196885584503764
EOD
$bars3 << EOD
0.06666666666666667 0.26659300568499994 0.0009046680058607555
1.0666666666666667 0.11042429302333336 0.0008516244495956084
EOD
$bars4 << EOD
0.2 0.28968507615499994 0.011890468486562597
1.2 0.11814760053333333 0.00019910441215652088
EOD
$bars5 << EOD
0.3333333333333333 0.27669605076833326 0.009667840582052773
1.3333333333333333 0.09500961076999997 0.003811377595348432
EOD
set title 'mean training step time (s), mean ± sd over seeds'
set xlabel ''
set ylabel 'seconds per step'
set xtics ('reference' 0, 'stress' 1) scale 0
set xrange [-0.6:1.6]
set yrange [0.0:0.3679221644627063]
set grid noxtics ytics
set boxwidth 0.12266666666666667 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "0.2" at first -0.3333333333333333, first 0.20982346103346886 center offset 0, 1.0 font ',9' front
set label "0.0743" at first 0.6666666666666667, first 0.07597700978531684 center offset 0, 1.0 font ',9' front
set label "0.247" at first -0.2, first 0.2477174037901599 center offset 0, 1.0 font ',9' front
set label "0.121" at first 0.8, first 0.12586666833543741 center offset 0, 1.0 font ',9' front
set label "0.256" at first -0.06666666666666667, first 0.271662942569519 center offset 0, 1.0 font ',9' front
set label "0.101" at first 0.9333333333333333, first 0.10509680022117043 center offset 0, 1.0 font ',9' front
set label "0.267" at first 0.06666666666666667, first 0.2674976736908607 center offset 0, 1.0 font ',9' front
set label "0.11" at first 1.0666666666666667, first 0.11127591747292896 center offset 0, 1.0 font ',9' front
set label "0.29" at first 0.2, first 0.30157554464156255 center offset 0, 1.0 font ',9' front
set label "0.118" at first 1.2, first 0.11834670494548985 center offset 0, 1.0 font ',9' front
set label "0.277" at first 0.3333333333333333, first 0.28636389135038604 center offset 0, 1.0 font ',9' front
set label "0.095" at first 1.3333333333333333, first 0.0988209883653484 center offset 0, 1.0 font ',9' front
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
