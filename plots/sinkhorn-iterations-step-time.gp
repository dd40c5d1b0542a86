set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-step-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 33.160999999999994
2.0 32.528
3.0 32.1885
4.0 33.6095
6.0 33.101
11.0 32.170500000000004
21.0 33.119
51.0 37.2675
EOD
$p0s1 << EOD
1.0 68.915
2.0 64.69999999999999
3.0 62.494
4.0 66.03
6.0 62.308
11.0 63.124
21.0 66.74900000000001
51.0 68.636
EOD
$p0s2 << EOD
1.0 0.342504
2.0 0.41773600000000005
3.0 0.4913680000000001
4.0 0.577584
6.0 0.7330080000000001
11.0 1.117496
21.0 1.889272
51.0 4.02012
EOD
$p0s3 << EOD
1.0 0.685008
2.0 0.8354720000000001
3.0 0.9827360000000002
4.0 1.155168
6.0 1.4660160000000002
11.0 2.234992
21.0 3.778544
51.0 8.04024
EOD
$p1s0 << EOD
1.0 1.032851844033654
2.0 1.2842351205115592
3.0 1.526532767914007
4.0 1.718514110593731
6.0 2.2144587776804325
11.0 3.473666868715126
21.0 5.704495908692895
51.0 10.787200643992758
EOD
$p1s1 << EOD
1.0 0.9939896974533845
2.0 1.2913013910355489
3.0 1.5725285627420236
4.0 1.749459336665152
6.0 2.3528535661552286
11.0 3.5406374754451555
21.0 5.660824881271629
51.0 11.71431901625969
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
