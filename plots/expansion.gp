set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/expansion.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
0.8 0.0
10.0 0.0
EOD
$p0s1 << EOD
0.9523809523809523 -0.0003878778440480346
1.9047619047619047 -0.04582436581819138
3.8095238095238093 -0.040702272492524116
7.619047619047619 -0.04377518783550727
EOD
$p0s2 << EOD
0.9523809523809523 -0.02184104586740432
0.9523809523809523 0.02106529017930825
1.9047619047619047 -0.026241444072638842
1.9047619047619047 -0.06540728756374392
3.8095238095238093 -0.0622371269987525
3.8095238095238093 -0.01916741798629573
7.619047619047619 -0.05202024242299785
7.619047619047619 -0.03553013324801668
EOD
$p0s3 << EOD
1.05 0.008207400105163742
2.1 -0.010489148006911364
4.2 0.0017597382543499407
8.4 -0.00909315212589945
EOD
$p0s4 << EOD
1.05 -0.01303775915789629
1.05 0.029452559368223774
2.1 -0.007678250926346664
2.1 -0.013300045087476065
4.2 -0.0031132649638720977
4.2 0.006632741472571979
8.4 0.0005484381506448699
8.4 -0.01873474240244377
EOD
$p1s0 << EOD
0.8 0.186973
10.0 0.186973
EOD
$p1s1 << EOD
1.0 0.197706
2.0 0.19964749999999998
4.0 0.25446250000000004
8.0 0.35383549999999997
EOD
$p1s2 << EOD
1.0 0.193164
1.0 0.202248
2.0 0.197484
2.0 0.201811
4.0 0.252127
4.0 0.256798
8.0 0.364683
8.0 0.342988
EOD
$p1s3 << EOD
1.0 0.185474
2.0 0.20291700000000001
4.0 0.24614399999999997
8.0 0.41580300000000003
EOD
$p1s4 << EOD
1.0 0.19356
1.0 0.177388
2.0 0.209144
2.0 0.19669
4.0 0.249626
4.0 0.242662
8.0 0.422951
8.0 0.408655
EOD
$p2s0 << EOD
0.8 202.5086669921875
10.0 202.5086669921875
EOD
$p2s1 << EOD
1.0 219.12057495117188
2.0 248.26351928710938
4.0 309.4245300292969
8.0 443.2470397949219
EOD
$p2s2 << EOD
1.0 211.62051391601562
2.0 234.88845825195312
4.0 292.6432189941406
8.0 476.6532287597656
EOD
$p3s0 << EOD
0.8 1.0
10.0 1.0
EOD
$p3s1 << EOD
1.0 4.6217215407820476
2.0 13.231580136153132
4.0 33.309264306835324
8.0 75.34179297866473
EOD
$p3s2 << EOD
1.0 1.0
2.0 1.0000001349327277
4.0 1.0000001623990789
8.0 1.000000188733038
EOD
set multiplot layout 2,2 title 'expansion rate n at C=128, L=4, 250 steps: means and 95% intervals over 2 seed(s) (paired by seed)' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'final loss gap to residual (paired by seed): mean, 95% interval, dots: seeds'
set xlabel 'expansion rate n'
set ylabel 'loss gap (nats/byte)'
set logscale x
unset logscale y
set key below horizontal
set bmargin 5
set logscale x 2
set xrange [0.8:10.0]
set xtics (1, 2, 4, 8)
set yrange [-0.38542629715233073:0.34925049769417804]
set arrow from first 0.9523809523809523, first -0.2729762229883192 to first 0.9523809523809523, first 0.2722004673002231 heads size screen 0.006,90 lc rgb '#d62728' lw 1.5 front
set arrow from first 1.9047619047619047, first -0.2946489788496238 to first 1.9047619047619047, first 0.2030002472132411 heads size screen 0.006,90 lc rgb '#d62728' lw 1.5 front
set arrow from first 3.8095238095238093, first -0.314328542812346 to first 3.8095238095238093, first 0.23292399782729778 heads size screen 0.006,90 lc rgb '#d62728' lw 1.5 front
set arrow from first 7.619047619047619, first -0.14853853948507986 to first 7.619047619047619, first 0.06098816381406533 heads size screen 0.006,90 lc rgb '#d62728' lw 1.5 front
set arrow from first 1.05, first -0.26173794314386584 to first 1.05, first 0.2781527433541933 heads size screen 0.006,90 lc rgb '#1f77b4' lw 1.5 front
set arrow from first 2.1, first -0.04620498180487564 to first 2.1, first 0.02522668579105291 heads size screen 0.006,90 lc rgb '#1f77b4' lw 1.5 front
set arrow from first 4.2, first -0.06015763831640611 to first 4.2, first 0.06367711482510599 heads size screen 0.006,90 lc rgb '#1f77b4' lw 1.5 front
set arrow from first 8.4, first -0.13160117216196032 to first 8.4, first 0.11341486791016142 heads size screen 0.006,90 lc rgb '#1f77b4' lw 1.5 front
plot $p0s0 using 1:2 with lines lc rgb '#4d4d4d' lw 1.5 dt 2 title 'residual', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p0s2 using 1:2 with points lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title '', \
     $p0s3 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc', \
     $p0s4 using 1:2 with points lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title ''
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'training step time (median per run; dots: seeds)'
set xlabel 'expansion rate n'
set ylabel 'seconds per step'
set logscale x
unset logscale y
set key below horizontal
set bmargin 5
set logscale x 2
set xrange [0.8:10.0]
set xtics (1, 2, 4, 8)
plot $p1s0 using 1:2 with lines lc rgb '#4d4d4d' lw 1.5 dt 2 title 'residual', \
     $p1s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p1s2 using 1:2 with points lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title '', \
     $p1s3 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc', \
     $p1s4 using 1:2 with points lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title ''
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'training memory: parameters, gradients, AdamW, activations'
set xlabel 'expansion rate n'
set ylabel 'MiB'
set logscale x
unset logscale y
set key below horizontal
set bmargin 5
set logscale x 2
set xrange [0.8:10.0]
set xtics (1, 2, 4, 8)
plot $p2s0 using 1:2 with lines lc rgb '#4d4d4d' lw 1.5 dt 2 title 'residual', \
     $p2s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p2s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'largest composite backward Amax gain (last evaluation)'
set xlabel 'expansion rate n'
set ylabel 'gain'
set logscale x
set logscale y
set key below horizontal
set bmargin 5
set logscale x 2
set xrange [0.8:10.0]
set xtics (1, 2, 4, 8)
plot $p3s0 using 1:2 with lines lc rgb '#4d4d4d' lw 1.5 dt 2 title 'residual', \
     $p3s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p3s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
unset multiplot
unset output
