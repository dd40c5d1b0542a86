set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-step-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 32.72445499897003
2.0 31.938198997522704
3.0 32.337171003746334
4.0 31.79051999904914
6.0 32.15774400450755
11.0 32.163322997803334
21.0 32.86496399960015
51.0 35.09379900060594
EOD
$p0s1 << EOD
1.0 61.48241199844051
2.0 66.11720100045204
3.0 67.35727100021904
4.0 65.8598699956201
6.0 61.55435399705311
11.0 62.09502599813277
21.0 64.27961600275012
51.0 67.35803199990187
EOD
$p0s2 << EOD
1.0 0.35196
2.0 0.42326400000000003
3.0 0.49714400000000003
4.0 0.583992
6.0 0.7309200000000001
11.0 1.098744
21.0 1.8513119999999998
51.0 4.104568
EOD
$p0s3 << EOD
1.0 0.70392
2.0 0.8465280000000001
3.0 0.9942880000000001
4.0 1.167984
6.0 1.4618400000000003
11.0 2.197488
21.0 3.7026239999999997
51.0 8.209136
EOD
$p1s0 << EOD
1.0 1.0755259331624547
2.0 1.3252594488275016
3.0 1.5373762904071133
4.0 1.8370004643442992
6.0 2.2729206373977826
11.0 3.416139557703789
21.0 5.6330869555266325
51.0 11.695992217682472
EOD
$p1s1 << EOD
1.0 1.1449127923248275
2.0 1.2803445808212788
3.0 1.4761405639441163
4.0 1.7734380588326013
6.0 2.3748766822733374
11.0 3.5389114742718357
21.0 5.760183756918504
51.0 12.187315686438048
EOD
set multiplot layout 1,2 title 'timed side by side in one process: AMD EPYC, BLAS Cooperlake (default, 2 threads)' font ',13'
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
