set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-gain.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 12435785.037770694
2.0 1.0057584473307157
3.0 1.0047018709701137
4.0 1.002097062630807
6.0 1.0003788297452199
11.0 1.000000467488055
21.0 1.0000001677107733
51.0 1.0000001626767172
EOD
$p0s1 << EOD
1.0 338071229690.9753
2.0 1.0009386882381264
3.0 1.0025136754841724
4.0 1.001430539403925
6.0 1.0012834074566346
11.0 1.0045230187381227
21.0 1.000101251694186
51.0 1.00000029610068
EOD
$p0s2 << EOD
1.0 22.996653115997713
2.0 1.0320660466095433
3.0 1.004876058526861
4.0 1.0020994789459412
6.0 1.0003787461973843
11.0 1.000000363579602
21.0 1.0000000631298462
51.0 1.0000000613799784
EOD
$p0s3 << EOD
1.0 22.965012359277654
2.0 1.3375487431118624
3.0 1.0046021102522598
4.0 1.001430329476231
6.0 1.001283189601357
11.0 1.004522809117077
21.0 1.0001010342904333
51.0 1.0000000761898586
EOD
$p1s0 << EOD
1.0 11738097.938946031
2.0 1.0000000506109694
3.0 1.0000001197229225
4.0 1.0000001424681717
6.0 1.0000001554977809
11.0 1.0000001605583975
21.0 1.000000163734791
51.0 1.0000001560593579
EOD
$p1s1 << EOD
1.0 306774247607.3483
2.0 1.0000000538580183
3.0 1.0000001898006277
4.0 1.0000002609914882
6.0 1.000000266496123
11.0 1.000000263997045
21.0 1.0000002769573868
51.0 1.0000002782945454
EOD
$p1s2 << EOD
1.0 24.5908384276554
2.0 1.0000000519212335
3.0 1.000000060875512
4.0 1.0000000608270057
6.0 1.0000000609919273
11.0 1.0000000614866924
21.0 1.000000058104585
51.0 1.0000000608354942
EOD
$p1s3 << EOD
1.0 25.039703304258484
2.0 1.00000005607338
3.0 1.0000000622627947
4.0 1.0000000610889401
6.0 1.0000000612344593
11.0 1.0000000584538309
21.0 1.0000000596143461
51.0 1.0000000605035666
EOD
set multiplot layout 1,2 title 'Amax gain magnitude of the learned H_res (last evaluation, token average; doubly stochastic = 1)' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'backward gain (largest over sublayers)'
set xlabel 't_max (Sinkhorn iterations; log scale)'
set ylabel 'Amax gain'
set logscale x
set logscale y
set xtics ('0' 1.0, '1' 2.0, '2' 3.0, '3' 4.0, '5' 6.0, '10' 11.0, '20' 21.0, '50' 51.0)
set xrange [0.8:66.3]
set format y '%g'
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
set offsets graph 0, graph 0, graph 0.3, graph 0
set yrange [0.5:*]
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=4 (8 sublayers), composite', \
     $p0s1 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=8 (16 sublayers), composite', \
     $p0s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=4 (8 sublayers), single layer', \
     $p0s3 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=8 (16 sublayers), single layer'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'forward gain (largest over sublayers)'
set xlabel 't_max (Sinkhorn iterations; log scale)'
set ylabel 'Amax gain'
set logscale x
set logscale y
set xtics ('0' 1.0, '1' 2.0, '2' 3.0, '3' 4.0, '5' 6.0, '10' 11.0, '20' 21.0, '50' 51.0)
set xrange [0.8:66.3]
set format y '%g'
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
set offsets graph 0, graph 0, graph 0.3, graph 0
set yrange [0.5:*]
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=4 (8 sublayers), composite', \
     $p1s1 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=8 (16 sublayers), composite', \
     $p1s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=4 (8 sublayers), single layer', \
     $p1s3 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=8 (16 sublayers), single layer'
unset multiplot
unset output
