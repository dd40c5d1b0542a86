set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-step-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 53.507
2.0 54.59550000000001
3.0 54.2055
4.0 56.1775
6.0 55.171
11.0 54.6045
21.0 55.257
51.0 60.273
EOD
$p0s1 << EOD
1.0 103.662
2.0 106.251
3.0 109.801
4.0 119.16300000000001
6.0 111.123
11.0 113.792
21.0 118.75
51.0 127.70799999999998
EOD
$p0s2 << EOD
1.0 0.5479919999999999
2.0 0.667176
3.0 0.8288399999999999
4.0 0.7914880000000001
6.0 1.005568
11.0 1.5158
21.0 2.9832720000000004
51.0 6.8475600000000005
EOD
$p0s3 << EOD
1.0 1.0959839999999998
2.0 1.334352
3.0 1.6576799999999998
4.0 1.5829760000000002
6.0 2.011136
11.0 3.0316
21.0 5.966544000000001
51.0 13.695120000000001
EOD
$p1s0 << EOD
1.0 1.0241501112004037
2.0 1.2220347830865181
3.0 1.529069928328306
4.0 1.4089057006808778
6.0 1.8226387051168187
11.0 2.7759616881392564
21.0 5.398903306368424
51.0 11.360907869195163
EOD
$p1s1 << EOD
1.0 1.057266886612259
2.0 1.2558488861281307
3.0 1.509713026293021
4.0 1.3284123427573997
6.0 1.8098287483239295
11.0 2.66415916760405
21.0 5.024458105263158
51.0 10.723776114260659
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
