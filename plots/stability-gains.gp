set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-gains.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 3.3701555979205295
2.0 3.052575192090444
3.0 1.6201241813887464
4.0 1.5059050559721072
5.0 1.284900273997664
6.0 1.2559079775346618
7.0 1.1516400264126787
8.0 1.6438970965796216
EOD
$p0s1 << EOD
1.0 1.0000000636646291
2.0 1.000000056126737
3.0 1.000000057023918
4.0 1.0000000562122295
5.0 1.0000000542859198
6.0 1.0000000526712896
7.0 1.0000000524529469
8.0 1.0000000565996743
EOD
$p1s0 << EOD
1.0 3.2743533906759694
2.0 2.8089411319742794
3.0 1.52431725025599
4.0 1.4215217477276383
5.0 1.259036516316769
6.0 1.294951770874377
7.0 1.2056754949958304
8.0 1.894694903261552
EOD
$p1s1 << EOD
1.0 1.000000049614755
2.0 1.000000057865691
3.0 1.0002862203244618
4.0 1.0000000551408448
5.0 1.0000000524487405
6.0 1.0019512159021104
7.0 1.0000000531063051
8.0 1.000000055602868
EOD
$p2s0 << EOD
1.0 3.3701555979205295
2.0 9.746275481431912
3.0 14.094444096870332
4.0 19.79126433550788
5.0 22.96803146585258
6.0 27.735110731557086
7.0 30.874659969258683
8.0 48.04015275994231
EOD
$p2s1 << EOD
1.0 1.0000000636646291
2.0 1.00000006695014
3.0 1.0000000882988065
4.0 1.0000000967363691
5.0 1.000000108680984
6.0 1.0000001265858025
7.0 1.0000001296766163
8.0 1.000000143670949
EOD
$p3s0 << EOD
1.0 3.2743533906759694
2.0 8.77962459168
3.0 12.926075152799141
4.0 17.572633064878453
5.0 20.937693985090036
6.0 25.641581257117284
7.0 28.11967623866457
8.0 46.15356534605685
EOD
$p3s1 << EOD
1.0 1.000000049614755
2.0 1.0000000648385008
3.0 1.0000013637605414
4.0 1.0000013790908355
5.0 1.0000013937369818
6.0 1.0000012669844769
7.0 1.0000012819042405
8.0 1.0000012966745078
EOD
set multiplot layout 2,2 title 'Amax gain magnitude at the end of training (seed 0; token average, evaluation batch)' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'single layer, forward (max row sum)'
set xlabel 'sublayer'
set ylabel 'gain'
unset logscale x
set logscale y
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
set xtics 1
plot $p0s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p0s1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'single layer, backward (max column sum)'
set xlabel 'sublayer'
set ylabel 'gain'
unset logscale x
set logscale y
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
set xtics 1
plot $p1s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p1s1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'composite, forward'
set xlabel 'sublayer'
set ylabel 'gain'
unset logscale x
set logscale y
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
set xtics 1
plot $p2s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p2s1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'composite, backward'
set xlabel 'sublayer'
set ylabel 'gain'
unset logscale x
set logscale y
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2
set xtics 1
plot $p3s0 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p3s1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
unset multiplot
unset output
