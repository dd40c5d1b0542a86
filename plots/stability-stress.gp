set terminal pngcairo noenhanced size 1100,1000 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-stress.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
0.003 2.4643228010572784
0.009000000000000001 2.481810049030173
0.03 2.9957743196864612
EOD
$p0s1 << EOD
0.003 2.414260035773623
0.009000000000000001 2.5259439202200156
0.03 2.860778145783115
EOD
$p0s2 << EOD
0.003 2.510124844397069
0.009000000000000001 2.6342808978661196
0.03 2.906001452880446
EOD
$p0s3 << EOD
0.003 2.4119021616752434
0.009000000000000001 2.4022805010063166
0.03 2.743524576697382
EOD
$p0s4 << EOD
0.003 2.3974903193011414
0.009000000000000001 2.407643859161908
0.03 2.6684208444676187
EOD
$p0s5 << EOD
0.003 2.382201557891676
0.009000000000000001 2.4867021915197256
0.03 2.641433847535154
EOD
$p0s6 << EOD
0.003 2.41836494342715
0.009000000000000001 2.5540500919159967
0.03 2.6839991351189383
EOD
$p0s7 << EOD
0.003 2.4124317338792025
0.009000000000000001 2.4223467323899968
0.03 2.612579396329238
EOD
$p0s8 << EOD
0.003 2.442137508740416
0.009000000000000001 2.63074404715735
0.03 2.882816007739166
EOD
$p1s0 << EOD
0.003 51.69992326314653
0.009000000000000001 1868.0160469117836
0.03 1526.8604689492768
EOD
$p1s1 << EOD
0.003 113.52533880577897
0.009000000000000001 5466.188544987199
0.03 349040.70589931385
EOD
$p1s2 << EOD
0.003 583.1305986984926
0.009000000000000001 3141816.53723247
0.03 2625720.9955925005
EOD
$p1s3 << EOD
0.003 1.0000001621417727
0.009000000000000001 1.0056076101331657
0.03 1.0433356590898872
EOD
$p1s4 << EOD
0.003 1.0000002839334035
0.009000000000000001 1.0000002693628889
0.03 1.0150564229739356
EOD
$p1s5 << EOD
0.003 1.0000005141828274
0.009000000000000001 1.0000005224923731
0.03 1.2934677156165681
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
