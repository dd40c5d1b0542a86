set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/overhead.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
128.0 39.23075828811422
256.0 24.817957165600536
512.0 19.70825269979568
EOD
$p0s1 << EOD
128.0 33.65497280227383
256.0 25.117974919001917
512.0 12.294199184047105
EOD
$p0s2 << EOD
128.0 45.15493384023763
256.0 33.602735822430404
512.0 12.53721982202416
EOD
$p1s0 << EOD
1.0 6.738429226543596
2.0 15.53471808655329
4.0 39.23075828811422
8.0 103.73438600030225
EOD
$p1s1 << EOD
1.0 4.146888221932565
2.0 18.43575333994565
4.0 33.65497280227383
8.0 127.10090333681734
EOD
$p1s2 << EOD
1.0 4.146888221932565
2.0 12.499978262178768
4.0 45.15493384023763
8.0 166.2164747298184
EOD
$p2s0 << EOD
1.0 1.1495438028422218
2.0 1.2655344285005559
4.0 1.502731325880425
8.0 1.9979877048929673
EOD
$p2s1 << EOD
1.0 1.098057712905809
2.0 1.1652716551520108
4.0 1.3179888539850795
8.0 1.7273001071905623
EOD
$p2s2 << EOD
1.0 1.098057712905809
2.0 1.0658899640285955
4.0 1.1480252289557105
8.0 1.4125612553371512
EOD
$p3s0 << EOD
1.3179888539850795 37.263761170995544
1.232824097434797 43.53677688706432
1.1480252289557105 43.69168909243546
1.1568479930150914 43.84524808192594
1.1656707570744722 38.9503186343851
1.2945834458504628 31.90815613113749
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
set label 'off' at first 1.3179888539850795, first 37.263761170995544 offset 0.6,0.6 font ',9'
set label 'K=1' at first 1.232824097434797, first 43.53677688706432 offset 0.6,0.6 font ',9'
set label 'K=2' at first 1.1480252289557105, first 43.69168909243546 offset 0.6,0.6 font ',9'
set label 'K=3' at first 1.1568479930150914, first 43.84524808192594 offset 0.6,0.6 font ',9'
set label 'K=4' at first 1.1656707570744722, first 38.9503186343851 offset 0.6,0.6 font ',9'
set label 'K=8' at first 1.2945834458504628, first 31.90815613113749 offset 0.6,0.6 font ',9'
plot $p3s0 using 1:2 with points lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mHC'
unset multiplot
unset output
