set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/overhead.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
128.0 37.18337524596711
256.0 27.198211516534432
512.0 19.274421067803438
EOD
$p0s1 << EOD
128.0 34.21934237740069
256.0 18.737747436421557
512.0 14.19786670527965
EOD
$p0s2 << EOD
128.0 38.81550067967079
256.0 24.149536166590615
512.0 17.842816811842077
EOD
$p1s0 << EOD
1.0 7.074467441920396
2.0 11.933784701316918
4.0 37.18337524596711
8.0 99.88049621551296
EOD
$p1s1 << EOD
1.0 9.63739809076194
2.0 15.948746435084482
4.0 34.21934237740069
8.0 125.63029687579058
EOD
$p1s2 << EOD
1.0 9.63739809076194
2.0 17.94360304450202
4.0 38.81550067967079
8.0 157.21525667349772
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
1.3179888539850795 34.54399018643524
1.232824097434797 46.678229667082284
1.1480252289557105 41.48889337534416
1.1568479930150914 41.907432550830556
1.1656707570744722 37.95376679916102
1.2945834458504628 31.505366640786157
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
set label 'paper: mHC +6.7%' at graph 0.98, first 6.7 right offset 0,0.8 textcolor rgb '#555555'
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
set label 'paper: mHC +6.7%' at graph 0.98, first 6.7 right offset 0,0.8 textcolor rgb '#555555'
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
set label 'off' at first 1.3179888539850795, first 34.54399018643524 offset 0.6,0.6 font ',9'
set label 'K=1' at first 1.232824097434797, first 46.678229667082284 offset 0.6,0.6 font ',9'
set label 'K=2' at first 1.1480252289557105, first 41.48889337534416 offset 0.6,0.6 font ',9'
set label 'K=3' at first 1.1568479930150914, first 41.907432550830556 offset 0.6,0.6 font ',9'
set label 'K=4' at first 1.1656707570744722, first 37.95376679916102 offset 0.6,0.6 font ',9'
set label 'K=8' at first 1.2945834458504628, first 31.505366640786157 offset 0.6,0.6 font ',9'
plot $p3s0 using 1:2 with points lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mHC'
unset multiplot
unset output
