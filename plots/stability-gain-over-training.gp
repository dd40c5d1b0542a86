set terminal pngcairo noenhanced size 900,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-gain-over-training.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
25.0 2.0364226164379247
50.0 3.493536000273066
75.0 4.394088028573705
100.0 4.452362927819445
125.0 4.342476540604616
150.0 4.070986421150096
175.0 4.241438524415884
200.0 3.914785110222725
225.0 3.772953010599054
250.0 3.594016613630484
275.0 3.45344503566629
300.0 3.4451569785115526
EOD
$p0s1 << EOD
25.0 1.0000001675164965
50.0 1.0000001605860989
75.0 1.000000161110432
100.0 1.0000001642118597
125.0 1.000000163955501
150.0 1.0000001602656643
175.0 1.000000162295997
200.0 1.0000001492223507
225.0 1.0000001498823414
250.0 1.0000001636039766
275.0 1.000000159313352
300.0 1.0000001698274972
EOD
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'largest composite backward gain over the sublayers, during training'
set xlabel 'step'
set ylabel 'gain'
unset logscale x
set logscale y
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
plot $p0s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p0s1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
unset output
