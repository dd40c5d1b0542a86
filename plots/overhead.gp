set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/overhead.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
128.0 31.735081841975465
256.0 17.90971460658719
512.0 25.945499554044147
EOD
$p0s1 << EOD
128.0 31.01089319846153
256.0 19.640702399508836
512.0 16.4261127005914
EOD
$p0s2 << EOD
128.0 35.67850879717871
256.0 22.420408840089735
512.0 23.332727273775156
EOD
$p1s0 << EOD
1.0 9.355569996884894
2.0 12.453364478539175
4.0 31.735081841975465
8.0 93.69390652606593
EOD
$p1s1 << EOD
1.0 3.591393670684928
2.0 12.259187229350953
4.0 31.01089319846153
8.0 118.37200809935302
EOD
$p1s2 << EOD
1.0 3.591393670684928
2.0 18.19664816734905
4.0 35.67850879717871
8.0 135.65970500880846
EOD
$p2s0 << EOD
1.0 1.1495494913939408
2.0 1.2655458286740753
4.0 1.5027541491811256
8.0 1.9980333739823544
EOD
$p2s1 << EOD
1.0 1.098063402606756
2.0 1.1652830575635091
4.0 1.3180116814094422
8.0 1.727345782322004
EOD
$p2s2 << EOD
1.0 1.098063402606756
2.0 1.0659013686584062
4.0 1.1480480601738545
8.0 1.4126069374939216
EOD
$p3s0 << EOD
1.3180116814094422 29.18760638210216
1.2328469267601339 35.307654672554904
1.1480480601738545 33.47722745297597
1.156870824036301 36.373959129378754
1.1656935878987478 32.303182928463904
1.2946062737972608 34.96907396608875
EOD
set multiplot layout 2,2 title 'What HC and mHC cost beside the residual (AMD EPYC, 2 threads)' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'n = 4'
set xlabel 'width C'
set ylabel 'step time over the residual (%)'
set logscale x
unset logscale y
unset arrow
unset label
set yrange [*<0:*]
set arrow from graph 0, first 6.7 to graph 1, first 6.7 nohead dt 2 lc rgb '#555555'
set label 'paper: mHC +6.7%' at graph 0.02, first 6.7 offset 0,-0.8 textcolor rgb '#555555'
set xtics ('128' 128, '256' 256, '512' 512)
plot $p0s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p0s1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc', \
     $p0s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'mhc + recompute'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'C=128'
set xlabel 'expansion rate n'
set ylabel 'step time over the residual (%)'
set logscale x
unset logscale y
unset arrow
unset label
set yrange [*<0:*]
set arrow from graph 0, first 6.7 to graph 1, first 6.7 nohead dt 2 lc rgb '#555555'
set label 'paper: mHC +6.7%' at graph 0.02, first 6.7 offset 0,-0.8 textcolor rgb '#555555'
set xtics ('1' 1, '2' 2, '4' 4, '8' 8)
plot $p1s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p1s1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc', \
     $p1s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'mhc + recompute'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'training memory, C=128'
set xlabel 'expansion rate n'
set ylabel 'memory / residual''s'
set logscale x
unset logscale y
unset arrow
unset label
set xtics ('1' 1, '2' 2, '4' 4, '8' 8)
set yrange [1:*]
set key top left
set arrow from graph 0, first 1.15 to graph 1, first 1.15 nohead dt 3 lc rgb '#999999'
set label 'target 1.15×' at graph 0.98, first 1.15 right offset 0,-0.8 textcolor rgb '#999999'
plot $p2s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p2s1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc', \
     $p2s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'mhc + recompute'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'mHC n = 4, recomputation block K (labels)'
set xlabel 'training memory / residual''s'
set ylabel 'step time over the residual (%)'
unset logscale x
unset logscale y
unset arrow
unset label
set offsets graph 0.08, graph 0.12, graph 0.1, graph 0.1
set label 'off' at first 1.3180116814094422, first 29.18760638210216 offset 0.6,0.6 font ',9'
set label 'K=1' at first 1.2328469267601339, first 35.307654672554904 offset 0.6,0.6 font ',9'
set label 'K=2' at first 1.1480480601738545, first 33.47722745297597 offset 0.6,0.6 font ',9'
set label 'K=3' at first 1.156870824036301, first 36.373959129378754 offset 0.6,0.6 font ',9'
set label 'K=4' at first 1.1656935878987478, first 32.303182928463904 offset 0.6,0.6 font ',9'
set label 'K=8' at first 1.2946062737972608, first 34.96907396608875 offset 0.6,0.6 font ',9'
plot $p3s0 using 1:2 with points lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mHC'
unset multiplot
unset output
