set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-gain.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 5323048.66164425
2.0 1.0043591057532826
3.0 1.00352694599404
4.0 1.0015728364806509
6.0 1.0002841612931532
11.0 1.0000003883296538
21.0 1.000000235962432
51.0 1.0000001608451867
EOD
$p0s1 << EOD
1.0 223647675156.82596
2.0 1.0012464647477375
3.0 1.0063925297121492
4.0 1.005304266174524
6.0 1.0029426755090167
11.0 1.0056733219912062
21.0 1.0012122703967472
51.0 1.0000030542144227
EOD
$p0s2 << EOD
1.0 22.393438091152348
2.0 1.0340727488364791
3.0 1.004371534965685
4.0 1.0021044490995337
6.0 1.0002904217253672
11.0 1.0000006032514648
21.0 1.0001343811095609
51.0 1.0000000603031367
EOD
$p0s3 << EOD
1.0 23.47917295867004
2.0 1.3446741045277122
3.0 1.0079588317757953
4.0 1.0053040557754684
6.0 1.0029424564756937
11.0 1.0056731084279278
21.0 1.0012121836843777
51.0 1.0000028331309991
EOD
$p1s0 << EOD
1.0 4901960.569604817
2.0 1.0000000506342603
3.0 1.0000001170732997
4.0 1.0000001436967114
6.0 1.000000155747645
11.0 1.000000160514805
21.0 1.0000001633402429
51.0 1.0000001554455513
EOD
$p1s1 << EOD
1.0 200514664070.06937
2.0 1.0000000545816312
3.0 1.0000001895762693
4.0 1.00000025912377
6.0 1.0000002679591726
11.0 1.0000002664557268
21.0 1.000000275742645
51.0 1.0000002788756752
EOD
$p1s2 << EOD
1.0 23.358085489909474
2.0 1.0000000521104084
3.0 1.000000061452738
4.0 1.0000000616928446
6.0 1.00000006009941
11.0 1.0000000610598363
21.0 1.0000000602904418
51.0 1.0000000602731234
EOD
$p1s3 << EOD
1.0 24.703808962761496
2.0 1.0000000562431524
3.0 1.0000000619329512
4.0 1.0000000612344593
6.0 1.0000000610089046
11.0 1.0000000587488103
21.0 1.0000000582837787
51.0 1.0000000633161505
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
