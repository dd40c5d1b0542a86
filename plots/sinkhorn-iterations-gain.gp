set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-gain.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 2963324.8281339724
2.0 1.0002365805284958
3.0 1.00000161489338
4.0 1.0000001658068616
6.0 1.000000157259346
11.0 1.0000001613133183
21.0 1.0000001503867195
51.0 1.0000001604476547
EOD
$p0s1 << EOD
1.0 62065327531.34835
2.0 1.0005604534482835
3.0 1.0010912325328931
4.0 1.0001650949387848
6.0 1.0000064044524315
11.0 1.0000002749284107
21.0 1.0000002720212544
51.0 1.0000002666713705
EOD
$p0s2 << EOD
1.0 21.678807445336133
2.0 1.0286699700081954
3.0 1.0003118981985608
4.0 1.0000110220498755
6.0 1.00000010401709
11.0 1.000000059735612
21.0 1.0000000578147592
51.0 1.0000000584404916
EOD
$p0s3 << EOD
1.0 19.381576118525118
2.0 1.1458324009217904
3.0 1.0010910773999058
4.0 1.0001648825127631
6.0 1.0000061832251959
11.0 1.000000059051672
21.0 1.000000058877049
51.0 1.0000000585569069
EOD
$p1s0 << EOD
1.0 2713170.2900669207
2.0 1.000000056112646
3.0 1.0000001258317184
4.0 1.000000157367237
6.0 1.0000001569830093
11.0 1.0000001604245468
21.0 1.0000001531576777
51.0 1.0000001576285418
EOD
$p1s1 << EOD
1.0 56438072258.33383
2.0 1.0000000704312697
3.0 1.0000001925674664
4.0 1.000000250773959
6.0 1.000000266020561
11.0 1.0000002771420249
21.0 1.0000002763137303
51.0 1.00000026756131
EOD
$p1s2 << EOD
1.0 23.876290292013437
2.0 1.0000000551372068
3.0 1.0000000630971044
4.0 1.0000000619329512
6.0 1.0000000582222128
11.0 1.0000000584841473
21.0 1.0000000570726115
51.0 1.0000000574364094
EOD
$p1s3 << EOD
1.0 21.601251012645662
2.0 1.0000000704312697
3.0 1.000000061612809
4.0 1.0000000596337486
6.0 1.0000000591680873
11.0 1.0000000580912456
21.0 1.0000000604486559
51.0 1.0000000565778464
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
