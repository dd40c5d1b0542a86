set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-gains.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 2.035607912206615
2.0 2.4417557058295642
3.0 1.244094042447614
4.0 1.1908076674526455
5.0 1.1105193181292634
6.0 1.0361247076613154
7.0 1.1329571352762287
8.0 1.157167161301004
EOD
$p0s1 << EOD
1.0 1.0000000605650712
2.0 1.0000000553991413
3.0 1.000000055290002
4.0 1.0000000551372068
5.0 1.0000000539366738
6.0 1.0000000586325726
7.0 1.0000000564250513
8.0 1.000000055966666
EOD
$p1s0 << EOD
1.0 1.5853439284219348
2.0 2.140318124587793
3.0 1.1696622477866185
4.0 1.1401714950355881
5.0 1.1250669244641358
6.0 1.0362664095709988
7.0 1.1012639036262044
8.0 1.2353696898144335
EOD
$p1s1 << EOD
1.0 1.0000000678483048
2.0 1.0000000556683517
3.0 1.0000000556537998
4.0 1.000000057683792
5.0 1.0000000548316166
6.0 1.0000099292075362
7.0 1.0000000568688847
8.0 1.0000000545041985
EOD
$p2s0 << EOD
1.0 2.035607912206615
2.0 3.8247279112362644
3.0 3.887306539363904
4.0 4.250557242056569
5.0 3.83455995857717
6.0 3.8257059831479503
7.0 3.5685711297599405
8.0 3.7991906030444724
EOD
$p2s1 << EOD
1.0 1.0000000605650712
2.0 1.0000000765729393
3.0 1.0000000913641396
4.0 1.000000105825129
5.0 1.0000001188902012
6.0 1.0000001410676471
7.0 1.0000001495344661
8.0 1.0000001644597118
EOD
$p3s0 << EOD
1.0 1.5853439284219348
2.0 2.699031701447117
3.0 3.0716973403202013
4.0 3.4451569785115526
5.0 3.247895043441854
6.0 3.2627249667966773
7.0 2.9550749213023653
8.0 3.275257856233666
EOD
$p3s1 << EOD
1.0 1.0000000678483048
2.0 1.000000082744497
3.0 1.0000000972818892
4.0 1.0000001116628208
5.0 1.0000001257345237
6.0 1.0000001397414082
7.0 1.0000001552210103
8.0 1.0000001698274972
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
