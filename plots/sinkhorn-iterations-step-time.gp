set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-step-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 35.85
2.0 44.733000000000004
3.0 52.687999999999995
4.0 37.267999999999994
6.0 44.26199999999999
11.0 51.6105
21.0 53.532
51.0 55.3035
EOD
$p0s1 << EOD
1.0 97.12899999999999
2.0 74.145
3.0 75.75800000000001
4.0 101.003
6.0 102.06
11.0 99.13900000000001
21.0 100.654
51.0 81.17
EOD
$p0s2 << EOD
1.0 0.33842400000000006
2.0 0.411728
3.0 0.49705600000000005
4.0 0.565472
6.0 0.713464
11.0 1.090816
21.0 1.873968
51.0 4.163848000000001
EOD
$p0s3 << EOD
1.0 0.6768480000000001
2.0 0.823456
3.0 0.9941120000000001
4.0 1.130944
6.0 1.426928
11.0 2.181632
21.0 3.747936
51.0 8.327696000000001
EOD
$p1s0 << EOD
1.0 0.9440000000000001
2.0 0.92041222363803
3.0 0.9433950804737322
4.0 1.5173124396264897
6.0 1.6119108942207765
11.0 2.1135544123773267
21.0 3.500650078457746
51.0 7.5290858625584285
EOD
$p1s1 << EOD
1.0 0.6968546983907999
2.0 1.1106021983950365
3.0 1.3122204915652471
4.0 1.119713275843292
6.0 1.3981265922006665
11.0 2.200578985061379
21.0 3.723583762195244
51.0 10.259573734138229
EOD
set multiplot layout 1,2
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'time per training step (solid: whole step, median; dashed: Sinkhorn fwd+bwd alone)'
set xlabel 't_max (Sinkhorn iterations; log scale)'
set ylabel 'milliseconds'
set logscale x
set logscale y
set xtics ('0' 1.0, '1' 2.0, '2' 3.0, '3' 4.0, '5' 6.0, '10' 11.0, '20' 21.0, '50' 51.0)
set xrange [0.8:66.3]
set format y '%g'
set offsets graph 0, graph 0, graph 0.3, graph 0
set key top left
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=4 (8 sublayers) step', \
     $p0s1 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=8 (16 sublayers) step', \
     $p0s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=4 (8 sublayers) Sinkhorn', \
     $p0s3 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=8 (16 sublayers) Sinkhorn'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'Sinkhorn share of the step'
set xlabel 't_max (Sinkhorn iterations; log scale)'
set ylabel '% of step time'
set logscale x
unset logscale y
set xtics ('0' 1.0, '1' 2.0, '2' 3.0, '3' 4.0, '5' 6.0, '10' 11.0, '20' 21.0, '50' 51.0)
set xrange [0.8:66.3]
set yrange [0:*]
set key top left
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=4 (8 sublayers)', \
     $p1s1 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=8 (16 sublayers)'
unset multiplot
unset output
