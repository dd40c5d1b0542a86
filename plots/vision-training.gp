set terminal pngcairo noenhanced size 1300,520 font 'Helvetica,11' linewidth 1.5
set output 'plots/vision-training.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
43.0 1.4768182083110635
86.0 1.2302916862172424
129.0 1.1245587832878907
172.0 0.8998294322921842
215.0 0.8284561635506785
258.0 0.7487623093259875
301.0 0.7493410292985724
344.0 0.670567341668099
387.0 0.581835499463144
430.0 0.5447930378029469
EOD
$p0s1 << EOD
43.0 1.476260508876294
86.0 1.1721330551663414
129.0 1.0266950452745125
172.0 0.9397630073582756
215.0 0.8199154167559755
258.0 0.7658546085294043
301.0 0.6854723845143553
344.0 0.6497540634345569
387.0 0.5365104425449468
430.0 0.5202756583506698
EOD
$p0s2 << EOD
43.0 1.4823208216500159
86.0 1.3728412523875402
129.0 1.0452750585773174
172.0 0.892141213499599
215.0 0.8136707511178732
258.0 0.8256345642814722
301.0 0.6931739919086036
344.0 0.7184854598255015
387.0 0.5754372724890496
430.0 0.5537033037999967
EOD
$p1s0 << EOD
43.0 42.7734375
86.0 51.529947916666664
129.0 57.291666666666664
172.0 66.50390625
215.0 69.01041666666667
258.0 73.86067708333333
301.0 73.6328125
344.0 76.20442708333333
387.0 78.97135416666667
430.0 80.6640625
EOD
$p1s1 << EOD
43.0 41.796875
86.0 53.287760416666664
129.0 61.165364583333336
172.0 62.727864583333336
215.0 70.41015625
258.0 72.4609375
301.0 75.45572916666667
344.0 75.29296875
387.0 80.63151041666667
430.0 81.31510416666667
EOD
$p1s2 << EOD
43.0 44.04296875
86.0 45.638020833333336
129.0 60.15625
172.0 67.83854166666667
215.0 72.52604166666667
258.0 70.21484375
301.0 76.10677083333333
344.0 74.83723958333333
387.0 79.62239583333333
430.0 79.91536458333333
EOD
set multiplot layout 1,2 title 'Fashion-MNIST ViT, C64 L4 lr 3e-3, 430 steps, batch 128: the first 1024 validation images over training, mean over 3 seeds' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'validation loss'
set xlabel 'step'
set ylabel 'cross-entropy (nats/image)'
unset logscale x
unset logscale y
plot $p0s0 using 1:2 with linespoints lc rgb '#4d4d4d' lw 2.0 dt 1 pt 7 ps 0.8 title 'residual', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p0s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'validation accuracy'
set xlabel 'step'
set ylabel 'top-1 accuracy (%)'
unset logscale x
unset logscale y
set key bottom right
plot $p1s0 using 1:2 with linespoints lc rgb '#4d4d4d' lw 2.0 dt 1 pt 7 ps 0.8 title 'residual', \
     $p1s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p1s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
unset multiplot
unset output
