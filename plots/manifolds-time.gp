set terminal pngcairo noenhanced size 1100,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/manifolds-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.35555555555555557 0.037336493593333346 0.012948273138566809
0.6444444444444444 0.09013945571555555 0.022559619600930714
EOD
$bars1 << EOD
-0.26666666666666666 0.05134583330888889 0.014629605575688105
0.7333333333333334 0.12119103976444444 0.035864839717323405
EOD
$bars2 << EOD
-0.17777777777777778 0.0582582223988889 0.017949392812158238
0.8222222222222222 0.11489558146222224 0.003709325072136523
EOD
$bars3 << EOD
-0.08888888888888889 0.05440876646777778 0.013107008906328559
0.9111111111111111 0.12651809454444443 0.031092089396336068
EOD
$bars4 << EOD
0.0 0.04731445846666669 0.01585658987102417
1.0 0.1321642189166667 0.007631233593014697
EOD
$bars5 << EOD
0.08888888888888889 0.04507804705888888 0.008597345263109235
1.0888888888888888 0.1047579672422222 0.03317084164538354
EOD
$bars6 << EOD
0.17777777777777778 0.10844388294888886 0.018579259174828427
1.1777777777777778 0.28294297820444453 0.02106608315201618
EOD
$bars7 << EOD
0.26666666666666666 0.04756776061000001 0.0022056161067856594
1.2666666666666666 0.10721101053333333 0.030966642016517717
EOD
$bars8 << EOD
0.35555555555555557 0.049930373231111096 0.01822123883583636
1.3555555555555556 0.0975282608288889 0.014157155938484595
EOD
set title 'training step time (s) per run: mean and 95% interval over 3 seed(s)'
set xlabel ''
set ylabel 'seconds per step'
set xtics ('reference' 0, 'stress' 1) scale 0
set xrange [-0.6:1.6]
set yrange [0.0:0.37089105485488205]
set grid noxtics ytics
set boxwidth 0.08177777777777778 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "0.0373" at first -0.35555555555555557, first 0.05028476673190015 center offset 0, 1.0 font ',9' front
set label "0.0901" at first 0.6444444444444444, first 0.11269907531648626 center offset 0, 1.0 font ',9' front
set label "0.0513" at first -0.26666666666666666, first 0.06597543888457699 center offset 0, 1.0 font ',9' front
set label "0.121" at first 0.7333333333333334, first 0.15705587948176786 center offset 0, 1.0 font ',9' front
set label "0.0583" at first -0.17777777777777778, first 0.07620761521104713 center offset 0, 1.0 font ',9' front
set label "0.115" at first 0.8222222222222222, first 0.11860490653435876 center offset 0, 1.0 font ',9' front
set label "0.0544" at first -0.08888888888888889, first 0.06751577537410634 center offset 0, 1.0 font ',9' front
set label "0.127" at first 0.9111111111111111, first 0.1576101839407805 center offset 0, 1.0 font ',9' front
set label "0.0473" at first 0.0, first 0.06317104833769085 center offset 0, 1.0 font ',9' front
set label "0.132" at first 1.0, first 0.1397954525096814 center offset 0, 1.0 font ',9' front
set label "0.0451" at first 0.08888888888888889, first 0.05367539232199812 center offset 0, 1.0 font ',9' front
set label "0.105" at first 1.0888888888888888, first 0.13792880888760572 center offset 0, 1.0 font ',9' front
set label "0.108" at first 0.17777777777777778, first 0.1270231421237173 center offset 0, 1.0 font ',9' front
set label "0.283" at first 1.1777777777777778, first 0.3040090613564607 center offset 0, 1.0 font ',9' front
set label "0.0476" at first 0.26666666666666666, first 0.04977337671678567 center offset 0, 1.0 font ',9' front
set label "0.107" at first 1.2666666666666666, first 0.13817765254985104 center offset 0, 1.0 font ',9' front
set label "0.0499" at first 0.35555555555555557, first 0.06815161206694745 center offset 0, 1.0 font ',9' front
set label "0.0975" at first 1.3555555555555556, first 0.1116854167673735 center offset 0, 1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#4d4d4d' title 'residual', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#1f77b4' title 'sinkhorn', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#2ca02c' title 'birkhoff', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars3 using 1:2 with boxes lc rgb '#9467bd' title 'deepseek-v4', \
     $bars3 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars4 using 1:2 with boxes lc rgb '#ff7f0e' title 'none', \
     $bars4 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars5 using 1:2 with boxes lc rgb '#17becf' title 'kronecker', \
     $bars5 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars6 using 1:2 with boxes lc rgb '#8c564b' title 'orthostochastic', \
     $bars6 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars7 using 1:2 with boxes lc rgb '#bcbd22' title 'circulant', \
     $bars7 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars8 using 1:2 with boxes lc rgb '#7f7f7f' title 'cayley', \
     $bars8 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
