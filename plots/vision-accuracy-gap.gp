set terminal pngcairo noenhanced size 1100,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/vision-accuracy-gap.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.26666666666666666 0.18666666666666742 4.2527634722612415
0.7333333333333334 -0.013333333333325944 1.2306723430526345
1.7333333333333334 10.28 25.575714843258577
EOD
$bars1 << EOD
0.0 1.0533333333333321 5.027070706290411
1.0 1.186666666666672 0.7718169630822219
2.0 26.646666666666672 36.91504143747733
EOD
$bars2 << EOD
0.26666666666666666 -0.8666666666666648 0.7785833435105755
1.2666666666666666 -1.1999999999999982 1.0329354072524235
2.2666666666666666 -16.36666666666667 17.600117148665966
EOD
set title 'ViT test accuracy gap (paired by seed): mean and 95% interval'
set xlabel 'cell'
set ylabel 'accuracy gap (percentage points)'
set xtics ('C64 L4 lr 3e-3, 430 steps' 0, 'C64 L6 lr 3e-3, 2150 steps' 1, 'C32 L8 lr 3e-2, 215 steps' 2) scale 0
set xrange [-0.6:2.6]
set yrange [-55.423052037617495:85.01797632642887]
set grid noxtics ytics
set boxwidth 0.24533333333333335 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "+0.187" at first -0.26666666666666666, first 4.439430138927909 center offset 0, 1.0 font ',9' front
set label "−0.013" at first 0.7333333333333334, first -1.2440056763859604 center offset 0, -1.0 font ',9' front
set label "+10.280" at first 1.7333333333333334, first 35.855714843258575 center offset 0, 1.0 font ',9' front
set label "+1.053" at first 0.0, first 6.080404039623743 center offset 0, 1.0 font ',9' front
set label "+1.187\nbetter" at first 1.0, first 1.9584836297488941 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "+26.647" at first 2.0, first 63.561708104144 center offset 0, 1.0 font ',9' front
set label "−0.867\nworse" at first 0.26666666666666666, first -1.6452500101772403 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−1.200\nworse" at first 1.2666666666666666, first -2.2329354072524215 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−16.367" at first 2.2666666666666666, first -33.96678381533263 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#1f77b4' title 'mHC − residual', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#d62728' title 'HC − residual', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#9467bd' title 'mHC − HC', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
