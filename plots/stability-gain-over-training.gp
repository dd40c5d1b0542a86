set terminal pngcairo noenhanced size 900,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-gain-over-training.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
25.0 2.561083479006664
50.0 9.315698939651474
75.0 15.249192400054135
100.0 22.4406245036083
125.0 32.914397172698216
150.0 46.90174413202324
175.0 46.97977190101603
200.0 51.4103548248568
225.0 54.536421742805935
250.0 51.245391478538785
275.0 50.174323236690725
300.0 46.16721871470955
EOD
$p0s1 << EOD
25.0 1.0000001603836617
50.0 1.0000001666046754
75.0 1.000000169165532
100.0 1.0000001597428314
125.0 1.0000001572412947
150.0 1.0000001504626024
175.0 1.0000001540795338
200.0 1.0000001625131691
225.0 1.000000178869005
250.0 1.0000005632257425
275.0 1.0000009708061495
300.0 1.0000014133094766
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
