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
2.0 2.1155780678734004
4.0 2.118223111090657
8.0 2.094073898735701
EOD
$p0s2 << EOD
1.0 2.125398661494046
1.0 2.110941442078115
2.0 2.1367945331885494
2.0 2.0943616025582514
4.0 2.13232366786076
4.0 2.104122554320554
8.0 2.113261402395665
8.0 2.074886395075737
EOD
$p0s3 << EOD
1.0 2.129626277015632
2.0 2.1209244134973346
4.0 2.1289023846686064
8.0 2.1286634068601415
EOD
$p0s4 << EOD
1.0 2.1141434835697055
1.0 2.145109070461558
2.0 2.1315224199810245
2.0 2.1103264070136447
4.0 2.128226644561096
4.0 2.129578124776117
8.0 2.140817295986153
8.0 2.11650951773413
EOD
$p1s0 << EOD
0.8 0.1603685
10.0 0.1603685
EOD
$p1s1 << EOD
1.0 0.1654405
2.0 0.17991449999999998
4.0 0.20230700000000001
8.0 0.230972
EOD
$p1s2 << EOD
1.0 0.165523
1.0 0.165358
2.0 0.178551
2.0 0.181278
4.0 0.199729
4.0 0.204885
8.0 0.199323
8.0 0.262621
EOD
$p1s3 << EOD
1.0 0.168053
2.0 0.1835655
4.0 0.18777700000000003
8.0 0.2571455
EOD
$p1s4 << EOD
1.0 0.165918
1.0 0.170188
2.0 0.184613
2.0 0.182518
4.0 0.215489
4.0 0.160065
8.0 0.255973
8.0 0.258318
EOD
$p2s0 << EOD
0.8 202.26776123046875
10.0 202.26776123046875
EOD
$p2s1 << EOD
1.0 218.69024658203125
2.0 247.51116943359375
4.0 307.63812255859375
8.0 437.83245849609375
EOD
$p2s2 << EOD
1.0 218.815185546875
2.0 248.1361083984375
4.0 310.8568115234375
8.0 455.2386474609375
EOD
$p3s0 << EOD
0.8 1.0
10.0 1.0
EOD
$p3s1 << EOD
1.0 2.219845308168411
2.0 3.034403919368773
4.0 3.9577429723862334
8.0 10.096488116169965
EOD
$p3s2 << EOD
1.0 1.0
2.0 1.000000138247324
4.0 1.0000001574200312
8.0 1.0000001903945723
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
