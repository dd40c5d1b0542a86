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
1.0 1.0000000660220394
2.0 1.0000000572326826
3.0 1.0000000553554855
4.0 1.000000056315912
5.0 1.000000056308636
6.0 1.0000000588760543
7.0 1.0000000547006493
8.0 1.0000000559812179
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
1.0 1.000000063017069
2.0 1.0000000568616088
3.0 1.0000000573563739
4.0 1.0000000558211468
5.0 1.0000000564396032
6.0 1.0001024398587859
7.0 1.000000055093551
8.0 1.0000000552245183
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
1.0 1.0000000660220394
2.0 1.0000000764646566
3.0 1.0000000899858907
4.0 1.0000001060073918
5.0 1.000000121193728
6.0 1.0000001430136578
7.0 1.0000001465235866
8.0 1.0000001624990609
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
1.0 1.000000063017069
2.0 1.0000000785007364
3.0 1.0000000934019522
4.0 1.000000108726942
5.0 1.0000001233570752
6.0 1.0000001356484662
7.0 1.0000001504823266
8.0 1.000000165619959
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
