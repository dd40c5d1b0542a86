set terminal pngcairo noenhanced size 1680,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/vision-accuracy-gap.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.26666666666666666 1.0533333333333321 5.027070706290411
0.7333333333333334 1.186666666666672 0.7718169630822219
1.7333333333333334 0.5500000000000019 17.59697298172897
2.7333333333333334 25.289999999999996 31.370745014028195
3.7333333333333334 1.7700000000000031 18.766390351840545
4.733333333333333 26.646666666666672 36.91504143747733
5.733333333333333 34.52000000000001 21.473226064261976
6.733333333333333 -7.310000000000003 48.87120962197324
EOD
$bars1 << EOD
0.0 0.18666666666666742 4.2527634722612415
1.0 -0.24374999999999147 0.47125266989738734
2.0 -8.923333333333332 27.43923612643727
3.0 7.9799999999999995 31.752994124925774
4.0 -17.963333333333335 21.110732731653254
5.0 10.28 25.575714843258577
6.0 17.313333333333333 25.256905439201336
7.0 -9.773333333333335 33.90976579032315
EOD
$bars2 << EOD
0.26666666666666666 -0.8666666666666648 0.7785833435105755
1.2666666666666666 -1.1999999999999982 1.0329354072524235
2.2666666666666666 -9.473333333333334 11.339329057567769
3.2666666666666666 -17.31 3.6525272833419504
4.266666666666667 -19.733333333333338 23.670330533780525
5.266666666666667 -16.36666666666667 17.600117148665966
6.266666666666667 -17.206666666666674 9.535087908588672
7.266666666666667 -2.4633333333333325 50.288202628917496
EOD
set title 'ViT test accuracy gap (paired by seed): mean and 95% interval'
set xlabel 'cell'
set ylabel 'accuracy gap (percentage points)'
set xtics ('C64 L4 lr 3e-3, 430 steps' 0, 'C64 L6 lr 3e-3, 2150 steps' 1, 'C32 L4 lr 1e-2, 215 steps' 2, 'C32 L4 lr 3e-2, 215 steps' 3, 'C32 L8 lr 1e-2, 215 steps' 4, 'C32 L8 lr 3e-2, 215 steps' 5, 'C32 L16 lr 1e-2, 215 steps' 6, 'C32 L16 lr 3e-2, 215 steps' 7) scale 0
set xrange [-0.6:7.6]
set yrange [-82.52465152171904:89.9051500038898]
set grid noxtics ytics
set boxwidth 0.24533333333333335 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "+1.053" at first -0.26666666666666666, first 6.080404039623743 center offset 0, 1.0 font ',9' front
set label "+1.187\nbetter" at first 0.7333333333333334, first 1.9584836297488941 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "+0.550" at first 1.7333333333333334, first 18.14697298172897 center offset 0, 1.0 font ',9' front
set label "+25.290" at first 2.7333333333333334, first 56.660745014028194 center offset 0, 1.0 font ',9' front
set label "+1.770" at first 3.7333333333333334, first 20.53639035184055 center offset 0, 1.0 font ',9' front
set label "+26.647" at first 4.733333333333333, first 63.561708104144 center offset 0, 1.0 font ',9' front
set label "+34.520\nbetter" at first 5.733333333333333, first 55.99322606426199 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "−7.310" at first 6.733333333333333, first -56.181209621973245 center offset 0, -1.0 font ',9' front
set label "+0.187" at first 0.0, first 4.439430138927909 center offset 0, 1.0 font ',9' front
set label "−0.244" at first 1.0, first -0.7150026698973788 center offset 0, -1.0 font ',9' front
set label "−8.923" at first 2.0, first -36.3625694597706 center offset 0, -1.0 font ',9' front
set label "+7.980" at first 3.0, first 39.732994124925774 center offset 0, 1.0 font ',9' front
set label "−17.963" at first 4.0, first -39.07406606498659 center offset 0, -1.0 font ',9' front
set label "+10.280" at first 5.0, first 35.855714843258575 center offset 0, 1.0 font ',9' front
set label "+17.313" at first 6.0, first 42.570238772534665 center offset 0, 1.0 font ',9' front
set label "−9.773" at first 7.0, first -43.68309912365648 center offset 0, -1.0 font ',9' front
set label "−0.867\nworse" at first 0.26666666666666666, first -1.6452500101772403 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−1.200\nworse" at first 1.2666666666666666, first -2.2329354072524215 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−9.473" at first 2.2666666666666666, first -20.812662390901103 center offset 0, -1.0 font ',9' front
set label "−17.310\nworse" at first 3.2666666666666666, first -20.96252728334195 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−19.733" at first 4.266666666666667, first -43.40366386711386 center offset 0, -1.0 font ',9' front
set label "−16.367" at first 5.266666666666667, first -33.96678381533263 center offset 0, -1.0 font ',9' front
set label "−17.207\nworse" at first 6.266666666666667, first -26.741754575255346 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−2.463" at first 7.266666666666667, first -52.75153596225083 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#d62728' title 'hc − residual', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#1f77b4' title 'mhc − residual', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#9467bd' title 'mhc − hc', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
