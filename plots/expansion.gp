set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/expansion.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
0.8 2.1279606010639895
10.0 2.1279606010639895
EOD
$p0s1 << EOD
1.0 2.1181700517860804
2.0 2.114546493541809
4.0 2.118223111090657
8.0 2.094073898735701
EOD
$p0s2 << EOD
1.0 2.110941442078115
1.0 2.125398661494046
2.0 2.0914464431539272
2.0 2.137646543929691
4.0 2.104122554320554
4.0 2.13232366786076
8.0 2.074886395075737
8.0 2.113261402395665
EOD
$p0s3 << EOD
1.0 2.130760974910004
2.0 2.118902282364502
4.0 2.1262367466880505
8.0 2.1257198536054034
EOD
$p0s4 << EOD
1.0 2.1467503949044158
1.0 2.114771554915592
2.0 2.1107957724507287
2.0 2.127008792278275
4.0 2.124219023680098
4.0 2.128254469696003
8.0 2.116440024234521
8.0 2.134999682976286
EOD
$p1s0 << EOD
0.8 0.097392
10.0 0.097392
EOD
$p1s1 << EOD
1.0 0.1064145
2.0 0.1081845
4.0 0.1198265
8.0 0.158491
EOD
$p1s2 << EOD
1.0 0.109002
1.0 0.103827
2.0 0.109962
2.0 0.106407
4.0 0.122462
4.0 0.117191
8.0 0.15626
8.0 0.160722
EOD
$p1s3 << EOD
1.0 0.102492
2.0 0.1091965
4.0 0.120739
8.0 0.20850449999999998
EOD
$p1s4 << EOD
1.0 0.098876
1.0 0.106108
2.0 0.103009
2.0 0.115384
4.0 0.118756
4.0 0.122722
8.0 0.198494
8.0 0.218515
EOD
$p2s0 << EOD
0.8 202.506103515625
10.0 202.506103515625
EOD
$p2s1 << EOD
1.0 219.11605834960938
2.0 248.24948120117188
4.0 309.3764343261719
8.0 443.0707702636719
EOD
$p2s2 << EOD
1.0 211.61599731445312
2.0 234.87442016601562
4.0 292.5951232910156
8.0 476.4769592285156
EOD
$p3s0 << EOD
0.8 1.0
10.0 1.0
EOD
$p3s1 << EOD
1.0 2.219845308168411
2.0 2.9769621812823237
4.0 3.9577429723862334
8.0 10.096488116169965
EOD
$p3s2 << EOD
1.0 1.0
2.0 1.000000139042891
4.0 1.0000001561659437
8.0 1.0000001902412063
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
