set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-step-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 50.29166666666667
2.0 59.837
3.0 61.211333333333336
4.0 69.92833333333333
6.0 65.059
11.0 59.423
21.0 56.609
51.0 62.05666666666667
EOD
$p0s1 << EOD
1.0 110.966
2.0 101.34433333333332
3.0 100.39766666666668
4.0 98.42866666666666
6.0 121.35999999999999
11.0 115.50766666666668
21.0 107.471
51.0 120.18566666666665
EOD
$p0s2 << EOD
1.0 0.8956880000000002
2.0 1.1240640000000002
3.0 1.299376
4.0 1.4080720000000002
6.0 1.840008
11.0 2.722976
21.0 4.7268
51.0 9.7032
EOD
$p0s3 << EOD
1.0 1.7913760000000003
2.0 2.2481280000000003
3.0 2.598752
4.0 2.8161440000000004
6.0 3.680016
11.0 5.445952
21.0 9.4536
51.0 19.4064
EOD
$p1s0 << EOD
1.0 1.780986909693455
2.0 1.878543376171934
3.0 2.1227702930829806
4.0 2.013592964225279
6.0 2.8282143900152175
11.0 4.5823603655150364
21.0 8.349909025066685
51.0 15.636031584036097
EOD
$p1s1 << EOD
1.0 1.6143467368383113
2.0 2.2183065654057295
3.0 2.5884585631140165
4.0 2.861101440637213
6.0 3.0323137771918267
11.0 4.714796997601891
21.0 8.79641949921374
51.0 16.147016976511345
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
