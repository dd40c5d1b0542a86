set terminal pngcairo noenhanced size 1100,1000 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-stress.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
0.003 2.485877386820448
0.009000000000000001 2.5109948597400944
0.03 2.9414994189328354
EOD
$p0s1 << EOD
0.003 2.4412605945641417
0.009000000000000001 2.5551402587700522
0.03 2.9053196327886326
EOD
$p0s2 << EOD
0.003 2.5237852055887515
0.009000000000000001 2.5859422703142627
0.03 2.9174977096527073
EOD
$p0s3 << EOD
0.003 2.4290519864708813
0.009000000000000001 2.4204946198554325
0.03 2.7327425969310752
EOD
$p0s4 << EOD
0.003 2.420320299391733
0.009000000000000001 2.4370692874767883
0.03 2.728795309669522
EOD
$p0s5 << EOD
0.003 2.3944652210208233
0.009000000000000001 2.4254136335434566
0.03 2.6527964665898764
EOD
$p0s6 << EOD
0.003 2.4300871356086873
0.009000000000000001 2.554296055327768
0.03 2.676072723521031
EOD
$p0s7 << EOD
0.003 2.447176980919039
0.009000000000000001 2.4956946275885343
0.03 2.6821717740131135
EOD
$p0s8 << EOD
0.003 2.4761177070373606
0.009000000000000001 2.829593680382459
0.03 2.8423490502818822
EOD
$p1s0 << EOD
0.003 51.70012200115007
0.009000000000000001 1992.3365474434722
0.03 8546.295387322214
EOD
$p1s1 << EOD
0.003 113.52563928277844
0.009000000000000001 5973.567108129486
0.03 341562.4329723784
EOD
$p1s2 << EOD
0.003 583.205239866595
0.009000000000000001 2395402.72882431
0.03 1240215.1043192581
EOD
$p1s3 << EOD
0.003 1.0000001669024334
0.009000000000000001 1.0045842369877367
0.03 1.0209242347843512
EOD
$p1s4 << EOD
0.003 1.0000002764540625
0.009000000000000001 1.0000002795150333
0.03 1.0198522661531064
EOD
$p1s5 << EOD
0.003 1.000000523458714
0.009000000000000001 1.0176047196142706
0.03 1.0347116163135335
EOD
set multiplot layout 2,1 title 'stress sweep: depth × learning rate, seed 0 (over 3 seeds: 0 of 81 runs diverged)' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'final validation loss (diverged runs have no point)'
set xlabel 'peak learning rate'
set ylabel 'loss (nats/byte)'
set logscale x
unset logscale y
set key outside right
set xrange [0.002:0.045]
plot $p0s0 using 1:2 with linespoints lc rgb '#4d4d4d' lw 2.0 dt 1 pt 7 ps 0.8 title 'residual L=4', \
     $p0s1 using 1:2 with linespoints lc rgb '#4d4d4d' lw 2.0 dt 2 pt 7 ps 0.8 title 'residual L=8', \
     $p0s2 using 1:2 with linespoints lc rgb '#4d4d4d' lw 2.0 dt 3 pt 7 ps 0.8 title 'residual L=16', \
     $p0s3 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc L=4', \
     $p0s4 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 2 pt 7 ps 0.8 title 'hc L=8', \
     $p0s5 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 3 pt 7 ps 0.8 title 'hc L=16', \
     $p0s6 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc L=4', \
     $p0s7 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'mhc L=8', \
     $p0s8 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 3 pt 7 ps 0.8 title 'mhc L=16'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'largest composite backward gain'
set xlabel 'peak learning rate'
set ylabel 'gain'
set logscale x
set logscale y
set key outside right
set format y '%.0e'
set xrange [0.002:0.045]
plot $p1s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc L=4', \
     $p1s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 2 pt 7 ps 0.8 title 'hc L=8', \
     $p1s2 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 3 pt 7 ps 0.8 title 'hc L=16', \
     $p1s3 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc L=4', \
     $p1s4 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'mhc L=8', \
     $p1s5 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 3 pt 7 ps 0.8 title 'mhc L=16'
unset multiplot
unset output
