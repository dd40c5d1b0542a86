set terminal pngcairo noenhanced size 900,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-loss.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 2.265416899209413
2.0 2.2648681559614943
3.0 2.264468830198439
4.0 2.2607454586143376
6.0 2.2617186054421836
11.0 2.2593693452884054
21.0 2.2640903299161437
51.0 2.261705512652952
EOD
$p0s1 << EOD
1.0 2.260105167995107
2.0 2.2675443214930056
3.0 2.264563213047495
4.0 2.262359197421574
6.0 2.2580580545140947
11.0 2.253221917923838
21.0 2.2631019134564667
51.0 2.2502807069481605
EOD
$p0s2 << EOD
1.0 2.2700204827283414
1.0 2.260813315690484
2.0 2.2566823677830143
2.0 2.273053944139974
3.0 2.2544779395566366
3.0 2.274459720840241
4.0 2.252939298851743
4.0 2.2685516183769323
6.0 2.251932533733452
6.0 2.271504677150915
11.0 2.2507074378172547
11.0 2.268031252759556
21.0 2.251830258274822
21.0 2.2763504015574654
51.0 2.249178625521836
51.0 2.2742323997840685
EOD
$p0s3 << EOD
1.0 2.260105167995107
2.0 2.2675443214930056
3.0 2.264563213047495
4.0 2.262359197421574
6.0 2.2580580545140947
11.0 2.253221917923838
21.0 2.2631019134564667
51.0 2.2502807069481605
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
