set terminal pngcairo noenhanced size 1100,900 font 'Helvetica,11' linewidth 1.5
set output 'plots/manifolds-collapse-training.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
0.0 1.2445038595737553e-07
50.0 1.3133753923158072e-07
100.0 1.2792140548181927e-07
150.0 1.3104576924237824e-07
200.0 1.2660899311722935e-07
250.0 1.3029703939988637e-07
300.0 1.353205741175009e-07
EOD
$p0s1 << EOD
0.0 1.795247743930797e-07
50.0 1.9183057004328258e-07
100.0 1.7642730833870145e-07
150.0 1.7462125801456804e-07
200.0 1.8104327511017049e-07
250.0 1.8424654981248213e-07
300.0 1.932944063438637e-07
EOD
$p0s2 << EOD
0.0 7.781083524200692e-06
50.0 7.781158659727743e-06
100.0 7.786373446301599e-06
150.0 7.786878952396895e-06
200.0 7.778505499648222e-06
250.0 7.785132553341573e-06
300.0 7.781960589163394e-06
EOD
$p0s3 << EOD
0.0 65600.45971836046
50.0 647560.9011095298
100.0 3774446.8279498667
150.0 7269135.554909849
200.0 9483955.516653953
250.0 14082428.416280678
300.0 11658420.07122019
EOD
$p0s4 << EOD
0.0 1.0148505650372261e-07
50.0 1.0123282422856352e-07
100.0 1.0199922465650271e-07
150.0 1.0071865678071135e-07
200.0 1.0370179864039197e-07
250.0 9.920525820412516e-08
300.0 9.827151003095611e-08
EOD
$p0s5 << EOD
0.0 1.193322023936428e-07
50.0 1.253636218688005e-07
100.0 1.2582940826589527e-07
150.0 1.2981752377022182e-07
200.0 1.3549843525420565e-07
250.0 1.6239674934016238e-07
300.0 2.615110762695577e-07
EOD
$p0s6 << EOD
0.0 6.50567624718581e-08
50.0 6.757909486710888e-08
100.0 6.662836952485893e-08
150.0 6.962606405131495e-08
200.0 6.703582304449047e-08
250.0 6.736081935308511e-08
300.0 6.83163939565759e-08
EOD
$p0s7 << EOD
0.0 1.732512474648537
50.0 1.7657434495595332
100.0 1.778651191757528
150.0 1.76294628925145
200.0 1.7834813375523122
250.0 1.7610072180994196
300.0 1.7595389938878325
EOD
$p1s0 << EOD
0.0 4.871324329503302e-07
50.0 0.002538418111243445
100.0 0.019922425430341385
150.0 0.04074082649091569
EOD
$p1s1 << EOD
0.0 3.5431799071845946e-07
50.0 3.746613111978382e-07
100.0 3.5805036278425907e-07
150.0 3.5961221731267657e-07
EOD
$p1s2 << EOD
0.0 3.1118851011928735e-05
50.0 0.0038403598433624214
100.0 0.01887257720674355
150.0 0.02484742324234887
EOD
$p1s3 << EOD
0.0 1.8416455332692361e+19
EOD
$p1s4 << EOD
0.0 2.074035974802577e-07
50.0 2.0348623009792224e-07
100.0 2.0096070472780237e-07
150.0 2.1185659799601917e-07
EOD
$p1s5 << EOD
0.0 3.120659690165248e-07
50.0 2.6988962402176234e-07
100.0 0.000795246917220687
150.0 0.0002640643034933725
EOD
$p1s6 << EOD
0.0 1.3013292767821252e-07
50.0 1.5225538029437107e-07
100.0 1.5856418464462103e-07
150.0 1.634338143335142e-07
EOD
$p1s7 << EOD
0.0 1.7340545029589851
50.0 2.2258845738358946
100.0 2.353712764976091
150.0 2.235982880223133
EOD
set multiplot layout 2,1 title 'stream collapse over training: ‖composite of every H_res − J/n‖_F after the last sublayer (mean over seeds)' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'reference (8 sublayers)'
set xlabel 'step'
set ylabel 'distance from J/n'
unset logscale x
set logscale y
set key outside right
set format y '%.0e'
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'sinkhorn', \
     $p0s1 using 1:2 with linespoints lc rgb '#2ca02c' lw 2.0 dt 1 pt 7 ps 0.8 title 'birkhoff', \
     $p0s2 using 1:2 with linespoints lc rgb '#9467bd' lw 2.0 dt 1 pt 7 ps 0.8 title 'deepseek-v4', \
     $p0s3 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title 'none', \
     $p0s4 using 1:2 with linespoints lc rgb '#17becf' lw 2.0 dt 1 pt 7 ps 0.8 title 'kronecker', \
     $p0s5 using 1:2 with linespoints lc rgb '#8c564b' lw 2.0 dt 1 pt 7 ps 0.8 title 'orthostochastic', \
     $p0s6 using 1:2 with linespoints lc rgb '#bcbd22' lw 2.0 dt 1 pt 7 ps 0.8 title 'circulant', \
     $p0s7 using 1:2 with linespoints lc rgb '#7f7f7f' lw 2.0 dt 1 pt 7 ps 0.8 title 'cayley'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'stress (32 sublayers)'
set xlabel 'step'
set ylabel 'distance from J/n'
unset logscale x
set logscale y
set key outside right
set format y '%.0e'
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'sinkhorn', \
     $p1s1 using 1:2 with linespoints lc rgb '#2ca02c' lw 2.0 dt 1 pt 7 ps 0.8 title 'birkhoff', \
     $p1s2 using 1:2 with linespoints lc rgb '#9467bd' lw 2.0 dt 1 pt 7 ps 0.8 title 'deepseek-v4', \
     $p1s3 using 1:2 with linespoints lc rgb '#ff7f0e' lw 2.0 dt 1 pt 7 ps 0.8 title 'none', \
     $p1s4 using 1:2 with linespoints lc rgb '#17becf' lw 2.0 dt 1 pt 7 ps 0.8 title 'kronecker', \
     $p1s5 using 1:2 with linespoints lc rgb '#8c564b' lw 2.0 dt 1 pt 7 ps 0.8 title 'orthostochastic', \
     $p1s6 using 1:2 with linespoints lc rgb '#bcbd22' lw 2.0 dt 1 pt 7 ps 0.8 title 'circulant', \
     $p1s7 using 1:2 with linespoints lc rgb '#7f7f7f' lw 2.0 dt 1 pt 7 ps 0.8 title 'cayley'
unset multiplot
unset output
