set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-step-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 52.54908333333333
2.0 57.52675
3.0 58.17274999999999
4.0 64.93499999999999
6.0 61.60124999999999
11.0 57.134750000000004
21.0 55.66583333333333
51.0 59.98875
EOD
$p0s1 << EOD
1.0 105.2933846153846
2.0 100.105
3.0 99.70425
4.0 97.8505
6.0 115.62499999999999
11.0 111.07900000000001
21.0 105.23715384615384
51.0 117.85825
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
1.0 1.704478828523809
2.0 1.9539848852924946
3.0 2.233650635392001
4.0 2.168433048433049
6.0 2.9869653619041827
11.0 4.765884159815174
21.0 8.491384601565892
51.0 16.1750328186535
EOD
$p1s1 << EOD
1.0 1.7013186598033048
2.0 2.245769941561361
3.0 2.6064606072459298
4.0 2.8780067552030912
6.0 3.1827165405405413
11.0 4.902773701599762
21.0 8.98313918088303
51.0 16.465881684141756
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
