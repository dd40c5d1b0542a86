set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-gain.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 1213958.8376061155
2.0 1.000004214303694
3.0 1.000000142783501
4.0 1.0000001431526004
6.0 1.0000001518057329
11.0 1.0000001658178372
21.0 1.0000001499075628
51.0 1.000000160553551
EOD
$p0s1 << EOD
1.0 35145389859.14498
2.0 1.000007957397465
3.0 1.000000188974938
4.0 1.0000002889753101
6.0 1.000000272894118
11.0 1.000000262665071
21.0 1.0000002795190193
51.0 1.0000002789608209
EOD
$p0s2 << EOD
1.0 20.87220204959158
2.0 1.083706731984421
3.0 1.0073971796455226
4.0 1.005735207932048
6.0 1.0030673867872792
11.0 1.0001693389676802
21.0 1.0001850172733384
51.0 1.0000000608270057
EOD
$p0s3 << EOD
1.0 25.28944425471127
2.0 1.3884377194754052
3.0 1.0002452965127304
4.0 1.0000003320456017
6.0 1.0000006209302228
11.0 1.0036383434564868
21.0 1.0000000587606337
51.0 1.0000000600412022
EOD
$p1s0 << EOD
1.0 1181092.1825096472
2.0 1.000000063275789
3.0 1.0000001280488215
4.0 1.000000144801363
6.0 1.0000001475742288
11.0 1.000000161488662
21.0 1.0000001550025022
51.0 1.0000001579743145
EOD
$p1s1 << EOD
1.0 34342724032.46454
2.0 1.000000057994008
3.0 1.000000180649016
4.0 1.0000002851154703
6.0 1.0000002684828315
11.0 1.0000002651021522
21.0 1.0000002787058964
51.0 1.000000278307873
EOD
$p1s2 << EOD
1.0 23.225805292953737
2.0 1.0000000606232788
3.0 1.0000000624131644
4.0 1.0000000618310878
6.0 1.0000000589352567
11.0 1.0000000608415576
21.0 1.0000000579166226
51.0 1.000000058178557
EOD
$p1s3 << EOD
1.0 28.08508437126875
2.0 1.0000000526197255
3.0 1.0000000607979018
4.0 1.0000000705767889
6.0 1.0000000585860107
11.0 1.0000000580912456
21.0 1.0000000631262083
51.0 1.0000000699656084
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
