set terminal pngcairo noenhanced size 1100,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/vision-loss-gap.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.26666666666666666 -0.000310084632760832 0.13236225471185595
0.7333333333333334 0.002167052633205454 0.03402420766866083
1.7333333333333334 -0.3004746968099228 0.6585379095890487
EOD
$bars1 << EOD
0.0 -0.028629223404917876 0.14336306755369732
1.0 -0.027679791093785527 0.021690213892662336
2.0 -0.6813487854383576 0.7886442675368033
EOD
$bars2 << EOD
0.26666666666666666 0.028319138772157044 0.01865481763840214
1.2666666666666666 0.02984684372699098 0.017411118359909925
2.2666666666666666 0.3808740886284349 0.2690175675158207
EOD
set title 'ViT test loss gap (paired by seed): mean and 95% interval'
set xlabel 'cell'
set ylabel 'loss gap (nats/image)'
set xtics ('C64 L4 lr 3e-3, 430 steps' 0, 'C64 L6 lr 3e-3, 2150 steps' 1, 'C32 L8 lr 3e-2, 215 steps' 2) scale 0
set xrange [-0.6:2.6]
set yrange [-1.9363676889814325:1.1162662921505273]
set grid noxtics ytics
set boxwidth 0.24533333333333335 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "0.000" at first -0.26666666666666666, first -0.13267233934461678 center offset 0, -1.0 font ',9' front
set label "+0.002" at first 0.7333333333333334, first 0.036191260301866285 center offset 0, 1.0 font ',9' front
set label "−0.300" at first 1.7333333333333334, first -0.9590126063989715 center offset 0, -1.0 font ',9' front
set label "−0.029" at first 0.0, first -0.1719922909586152 center offset 0, -1.0 font ',9' front
set label "−0.028\nbetter" at first 1.0, first -0.04937000498644786 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.681" at first 2.0, first -1.4699930529751608 center offset 0, -1.0 font ',9' front
set label "+0.028\nworse" at first 0.26666666666666666, first 0.04697395641055918 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "+0.030\nworse" at first 1.2666666666666666, first 0.047257962086900904 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "+0.381\nworse" at first 2.2666666666666666, first 0.6498916561442556 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
plot $bars0 using 1:2 with boxes lc rgb '#1f77b4' title 'mHC − residual', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#d62728' title 'HC − residual', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#9467bd' title 'mHC − HC', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
