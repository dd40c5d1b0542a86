set terminal pngcairo noenhanced size 900,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-loss.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 2.2825491644593967
2.0 2.300151066853914
3.0 2.2862749760854513
4.0 2.2928985721043773
6.0 2.3047701746195344
11.0 2.292125276655497
21.0 2.299939809402531
51.0 2.3056239201468998
EOD
$p0s1 << EOD
1.0 2.3118244551942553
2.0 2.27304103977076
3.0 2.262445619468963
4.0 2.2708082864605785
6.0 2.2706718670256123
11.0 2.2765690951778197
21.0 2.2725514510530047
51.0 2.268376508993242
EOD
$p0s2 << EOD
1.0 2.2853618608082797
1.0 2.2797364681105137
2.0 2.291624232851973
2.0 2.308677900855855
3.0 2.276131160706882
3.0 2.2964187914640206
4.0 2.27866736361284
4.0 2.307129780595915
6.0 2.2886976639797467
6.0 2.320842685259322
11.0 2.2800142588730523
11.0 2.304236294437942
21.0 2.2971448557964322
21.0 2.3027347630086297
51.0 2.2916747869053324
51.0 2.319573053388467
EOD
$p0s3 << EOD
1.0 2.3118244551942553
2.0 2.27304103977076
3.0 2.262445619468963
4.0 2.2708082864605785
6.0 2.2706718670256123
11.0 2.2765690951778197
21.0 2.2725514510530047
51.0 2.268376508993242
EOD
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'final validation loss (line: mean over seeds, dots: single seeds)'
set xlabel 't_max (Sinkhorn iterations; log scale)'
set ylabel 'loss (nats/byte)'
set logscale x
unset logscale y
set xtics ('0' 1.0, '1' 2.0, '2' 3.0, '3' 4.0, '5' 6.0, '10' 11.0, '20' 21.0, '50' 51.0)
set xrange [0.8:66.3]
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=4 (8 sublayers)', \
     $p0s1 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=8 (16 sublayers)', \
     $p0s2 using 1:2 with points lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title '', \
     $p0s3 using 1:2 with points lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title ''
unset output
