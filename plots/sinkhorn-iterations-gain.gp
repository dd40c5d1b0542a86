set terminal pngcairo noenhanced size 1300,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-gain.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 1162395.11103203
2.0 1.00000675223619
3.0 1.0000001132739864
4.0 1.0000001400460428
6.0 1.0000001543518864
11.0 1.0000001514835053
21.0 1.0000001662486802
51.0 1.0000001533279268
EOD
$p0s1 << EOD
1.0 31315044254.962673
2.0 1.0000041974271743
3.0 1.0000002023583026
4.0 1.0000002654483984
6.0 1.0000002793180893
11.0 1.0000002749864174
21.0 1.000000279652074
51.0 1.0000002861935353
EOD
$p0s2 << EOD
1.0 21.178502523805946
2.0 1.0611926328274421
3.0 1.055781777050015
4.0 1.0187875303651026
6.0 1.000000366504537
11.0 1.000100592097624
21.0 1.0001477084861108
51.0 1.000000057334546
EOD
$p0s3 << EOD
1.0 24.395985512295738
2.0 1.080848918063566
3.0 1.004190244115307
4.0 1.000210646452615
6.0 1.0000040099330363
11.0 1.0000000589934643
21.0 1.0000000581203494
51.0 1.000000064726919
EOD
$p1s0 << EOD
1.0 1133706.8964470178
2.0 1.0000000596646923
3.0 1.0000001107957581
4.0 1.0000001415339779
6.0 1.000000151260834
11.0 1.0000001546202206
21.0 1.0000001645878343
51.0 1.0000001578748086
EOD
$p1s1 << EOD
1.0 30548556303.60344
2.0 1.0000000672183453
3.0 1.0000002051187102
4.0 1.0000002627706703
6.0 1.0000002762899434
11.0 1.0000002824906706
21.0 1.0000002740814582
51.0 1.0000002720818735
EOD
$p1s2 << EOD
1.0 23.323521002894267
2.0 1.0000000579311745
3.0 1.0000000604923116
4.0 1.0000000615546014
6.0 1.000000059066224
11.0 1.0000000576983439
21.0 1.000000063169864
51.0 1.000000057843863
EOD
$p1s3 << EOD
1.0 27.164332065731287
2.0 1.0000000605068635
3.0 1.000000072264811
4.0 1.0000000624277163
6.0 1.0000000603031367
11.0 1.0000000584113877
21.0 1.000000056636054
51.0 1.0000000573927537
EOD
set multiplot layout 1,2 title 'Amax gain magnitude of the learned H_res (last evaluation, token average; doubly stochastic = 1)' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'backward gain (largest over sublayers)'
set xlabel 't_max (Sinkhorn iterations; log scale)'
set ylabel 'Amax gain'
set logscale x
set logscale y
set xtics ('0' 1.0, '1' 2.0, '2' 3.0, '3' 4.0, '5' 6.0, '10' 11.0, '20' 21.0, '50' 51.0)
set xrange [0.8:66.3]
set format y '%g'
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
set offsets graph 0, graph 0, graph 0.3, graph 0
set yrange [0.5:*]
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=4 (8 sublayers), composite', \
     $p0s1 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=8 (16 sublayers), composite', \
     $p0s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=4 (8 sublayers), single layer', \
     $p0s3 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=8 (16 sublayers), single layer'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'forward gain (largest over sublayers)'
set xlabel 't_max (Sinkhorn iterations; log scale)'
set ylabel 'Amax gain'
set logscale x
set logscale y
set xtics ('0' 1.0, '1' 2.0, '2' 3.0, '3' 4.0, '5' 6.0, '10' 11.0, '20' 21.0, '50' 51.0)
set xrange [0.8:66.3]
set format y '%g'
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
set offsets graph 0, graph 0, graph 0.3, graph 0
set yrange [0.5:*]
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=4 (8 sublayers), composite', \
     $p1s1 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title 'L=8 (16 sublayers), composite', \
     $p1s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=4 (8 sublayers), single layer', \
     $p1s3 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 2 pt 7 ps 0.8 title 'L=8 (16 sublayers), single layer'
unset multiplot
unset output
