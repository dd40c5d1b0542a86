set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-gains.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 3.3705484132515267
2.0 3.0528808429844503
3.0 1.620650562663286
4.0 1.5059108609966643
5.0 1.2853424332206487
6.0 1.2560974519292358
7.0 1.1514706925458995
8.0 1.6440387283332711
EOD
$p0s1 << EOD
1.0 1.0000000587679096
2.0 1.0000000563813956
3.0 1.0000000560345583
4.0 1.0000000546679075
5.0 1.0000000543404894
6.0 1.0000000541918155
7.0 1.0000000519129344
8.0 1.0000000568470568
EOD
$p1s0 << EOD
1.0 3.274710714496905
2.0 2.8096998442997574
3.0 1.524503050297426
4.0 1.4214487473891495
5.0 1.2592268492538778
6.0 1.2947636054773284
7.0 1.2055032072257745
8.0 1.89483594068588
EOD
$p1s1 << EOD
1.0 1.0000000582149369
2.0 1.000000056978024
3.0 1.0001937419292233
4.0 1.0000000538420863
5.0 1.000000053216354
6.0 1.002185339390877
7.0 1.0000000516691898
8.0 1.0000000558502506
EOD
$p2s0 << EOD
1.0 3.3705484132515267
2.0 9.748475939362521
3.0 14.101483775495666
4.0 19.799880897913674
5.0 22.982511540074363
6.0 27.742949224869125
7.0 30.87832947605567
8.0 48.051285710721665
EOD
$p2s1 << EOD
1.0 1.0000000587679096
2.0 1.0000000720109745
3.0 1.000000091331023
4.0 1.0000000980832529
5.0 1.000000111897834
6.0 1.000000130568415
7.0 1.0000001318641478
8.0 1.000000146687253
EOD
$p3s0 << EOD
1.0 3.274710714496905
2.0 8.783246180407618
3.0 12.93291552698128
4.0 17.581929927450798
5.0 20.951310525030596
6.0 25.653522824611105
7.0 28.126740152262506
8.0 46.16721871470955
EOD
$p3s1 << EOD
1.0 1.0000000582149369
2.0 1.0000000731287462
3.0 1.0000013838118538
4.0 1.0000013986376088
5.0 1.0000014133094766
6.0 1.0000013568147565
7.0 1.0000013707870374
8.0 1.0000013861539603
EOD
set multiplot layout 2,2 title 'Amax gain magnitude at the end of training (token average, evaluation batch)' font ',13'
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
