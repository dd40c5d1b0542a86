set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/expansion.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
0.8 2.1241927719308364
10.0 2.1241927719308364
EOD
$p0s1 << EOD
1.0 2.1238048940867884
2.0 2.078368406112645
4.0 2.0834904994383123
8.0 2.080417584095329
EOD
$p0s2 << EOD
1.0 2.139044470961153
1.0 2.108565317212424
2.0 2.0525718932181007
2.0 2.1041649190071894
4.0 2.098811762795549
4.0 2.0681692360810757
8.0 2.082449047533828
8.0 2.0783861206568304
EOD
$p0s3 << EOD
1.0 2.132400172036
2.0 2.113703623923925
4.0 2.1259525101851864
8.0 2.115099619804937
EOD
$p0s4 << EOD
1.0 2.1474317401500684
1.0 2.117368603921932
2.0 2.1046791356943686
2.0 2.1227281121534816
4.0 2.1246119222544166
4.0 2.127293098115956
8.0 2.099244438379401
8.0 2.130954801230473
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
set multiplot layout 2,2 title 'expansion rate n at C=128, L=4, 250 steps, 2 seed(s)' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'final validation loss (dots: seeds; dashed: residual)'
set xlabel 'expansion rate n'
set ylabel 'loss (nats/byte)'
set logscale x
unset logscale y
set key below horizontal
set bmargin 5
set logscale x 2
set xrange [0.8:10.0]
set xtics (1, 2, 4, 8)
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
set title 'training step time (median per run)'
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
