set terminal pngcairo noenhanced size 900,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-gain-over-training.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
25.0 2.5610841779084037
50.0 9.315715000107986
75.0 15.24925141173177
100.0 22.440718073720486
125.0 32.91444316550723
150.0 46.90276881897232
175.0 46.983156061359594
200.0 51.39929518744804
225.0 54.52984235711679
250.0 51.218468078394764
275.0 50.158772368421275
300.0 46.15356534605685
EOD
$p0s1 << EOD
25.0 1.0000001713893183
50.0 1.0000001615181486
75.0 1.000000154743645
100.0 1.000000163771666
125.0 1.0000001545119201
150.0 1.0000001590827543
175.0 1.0000001495936248
200.0 1.0000001758843617
225.0 1.0000001711485689
250.0 1.0000005046340272
275.0 1.0000010121161695
300.0 1.0000013937369818
EOD
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'largest composite backward gain over the sublayers, during training (seed 0)'
set xlabel 'step'
set ylabel 'gain'
unset logscale x
set logscale y
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
plot $p0s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p0s1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
unset output
