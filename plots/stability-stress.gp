set terminal pngcairo noenhanced size 1100,1000 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-stress.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
0.003 2.464608009242511
0.009000000000000001 2.49645829173096
0.03 2.878389066143427
EOD
$p0s1 << EOD
0.003 2.4161134985333774
0.009000000000000001 2.544513943430502
0.03 2.9770571217522956
EOD
$p0s2 << EOD
0.003 2.499342048606195
0.009000000000000001 2.5771617251593852
0.03 3.0345821221126243
EOD
$p0s3 << EOD
0.003 2.459480031146086
0.009000000000000001 2.492345028233103
0.03 2.585404723733518
EOD
$p0s4 << EOD
0.003 2.4290287261428603
0.009000000000000001 2.4332357882904034
0.03 2.5642856053746073
EOD
$p0s5 << EOD
0.003 2.4129800528025953
0.009000000000000001 2.3953501285222956
0.03 2.642658190216025
EOD
$p0s6 << EOD
0.003 2.4521092305622005
0.009000000000000001 2.4668703701536288
0.03 2.6378822570986813
EOD
$p0s7 << EOD
0.003 2.4333866326342104
0.009000000000000001 2.4541809389011178
0.03 2.658300959796179
EOD
$p0s8 << EOD
0.003 2.4859085397038143
0.009000000000000001 2.652297851978801
0.03 2.7689584759355057
EOD
$p1s0 << EOD
0.003 27.637950393200338
0.009000000000000001 16.45656626486486
0.03 2770.2527667385766
EOD
$p1s1 << EOD
0.003 46.81821412096886
0.009000000000000001 3793.272662736081
0.03 110489.02609172055
EOD
$p1s2 << EOD
0.003 614.178163994377
0.009000000000000001 644764.017686682
0.03 23077065.715902746
EOD
$p1s3 << EOD
0.003 1.0000001532446112
0.009000000000000001 1.0000001452772271
0.03 1.0003634778653332
EOD
$p1s4 << EOD
0.003 1.000000273101395
0.009000000000000001 1.0000002599470996
0.03 1.0000186582436341
EOD
$p1s5 << EOD
0.003 1.0000005262042801
0.009000000000000001 1.000000530437127
0.03 1.0000344058298554
EOD
set multiplot layout 2,1 title 'stress sweep: depth × learning rate (0 of 27 runs diverged)' font ',13'
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
