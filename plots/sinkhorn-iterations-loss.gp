set terminal pngcairo noenhanced size 900,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/sinkhorn-iterations-loss.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
1.0 2.280019265504393
2.0 2.2906216473002132
3.0 2.28670698743872
4.0 2.299912575867893
6.0 2.2943370725729437
11.0 2.286372623638954
21.0 2.305972223288336
51.0 2.30336026629584
EOD
$p0s1 << EOD
1.0 2.3067522364922297
2.0 2.2607255373079624
3.0 2.272466730583801
4.0 2.2620313677648483
6.0 2.2604033675820574
11.0 2.2555358758108923
21.0 2.2644481921297483
51.0 2.272958405204008
EOD
$p0s2 << EOD
1.0 2.2853436845864508
1.0 2.274694846422335
2.0 2.2899665533723237
2.0 2.2912767412281028
3.0 2.263324562921298
3.0 2.3100894119561417
4.0 2.2993713905857476
4.0 2.300453761150038
6.0 2.2867257268617323
6.0 2.301948418284155
11.0 2.286907343374878
11.0 2.2858379039030297
21.0 2.3010121699712727
21.0 2.3109322766053992
51.0 2.3064380333053123
51.0 2.300282499286368
EOD
$p0s3 << EOD
1.0 2.3067522364922297
2.0 2.2607255373079624
3.0 2.272466730583801
4.0 2.2620313677648483
6.0 2.2604033675820574
11.0 2.2555358758108923
21.0 2.2644481921297483
51.0 2.272958405204008
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
