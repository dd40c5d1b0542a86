set terminal pngcairo noenhanced size 1680,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/vision-loss-gap.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.26666666666666666 -0.028629223404917876 0.14336306755369732
0.7333333333333334 -0.027679791093785527 0.021690213892662336
1.7333333333333334 -0.024608877897844605 0.3846545839797009
2.7333333333333334 -0.6668597615162977 0.8032129634747709
3.7333333333333334 -0.04930557308050728 0.4994475224283256
4.733333333333333 -0.6813487854383576 0.7886442675368033
5.733333333333333 -0.9179285491750422 0.5459555511628902
6.733333333333333 0.31031866730797736 1.7240866200969855
EOD
$bars1 << EOD
0.0 -0.000310084632760832 0.13236225471185595
1.0 0.005213805652846348 0.017122805733468065
2.0 0.2064823269642657 0.6041697590893804
3.0 -0.23972424657609467 0.8954649246025591
4.0 0.3775084938211988 0.5357988324629124
5.0 -0.3004746968099228 0.6585379095890487
6.0 -0.5174699886206539 0.7451036796554528
7.0 0.19962654828503731 0.8531037967653375
EOD
$bars2 << EOD
0.26666666666666666 0.028319138772157044 0.01865481763840214
1.2666666666666666 0.02984684372699098 0.017411118359909925
2.2666666666666666 0.2310912048621103 0.2679117983566277
3.2666666666666666 0.427135514940203 0.09225797654668388
4.266666666666667 0.42681406690170604 0.4932354479607039
5.266666666666667 0.3808740886284349 0.2690175675158207
6.266666666666667 0.4004585605543882 0.2500411932686231
7.266666666666667 -0.11069211902294003 1.3666716082770447
EOD
set title 'ViT test loss gap (paired by seed): mean and 95% interval'
set xlabel 'cell'
set ylabel 'loss gap (nats/image)'
set xtics ('C64 L4 lr 3e-3, 430 steps' 0, 'C64 L6 lr 3e-3, 2150 steps' 1, 'C32 L4 lr 1e-2, 215 steps' 2, 'C32 L4 lr 3e-2, 215 steps' 3, 'C32 L8 lr 1e-2, 215 steps' 4, 'C32 L8 lr 3e-2, 215 steps' 5, 'C32 L16 lr 1e-2, 215 steps' 6, 'C32 L16 lr 3e-2, 215 steps' 7) scale 0
set xrange [-0.6:7.6]
set yrange [-2.249952910535073:2.8069944706400514]
set grid noxtics ytics
set boxwidth 0.24533333333333335 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "−0.029" at first -0.26666666666666666, first -0.1719922909586152 center offset 0, -1.0 font ',9' front
set label "−0.028\nbetter" at first 0.7333333333333334, first -0.04937000498644786 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.025" at first 1.7333333333333334, first -0.40926346187754553 center offset 0, -1.0 font ',9' front
set label "−0.667" at first 2.7333333333333334, first -1.4700727249910686 center offset 0, -1.0 font ',9' front
set label "−0.049" at first 3.7333333333333334, first -0.5487530955088329 center offset 0, -1.0 font ',9' front
set label "−0.681" at first 4.733333333333333, first -1.4699930529751608 center offset 0, -1.0 font ',9' front
set label "−0.918\nbetter" at first 5.733333333333333, first -1.4638841003379324 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "+0.310" at first 6.733333333333333, first 2.034405287404963 center offset 0, 1.0 font ',9' front
set label "0.000" at first 0.0, first -0.13267233934461678 center offset 0, -1.0 font ',9' front
set label "+0.005" at first 1.0, first 0.022336611386314414 center offset 0, 1.0 font ',9' front
set label "+0.206" at first 2.0, first 0.8106520860536461 center offset 0, 1.0 font ',9' front
set label "−0.240" at first 3.0, first -1.1351891711786537 center offset 0, -1.0 font ',9' front
set label "+0.378" at first 4.0, first 0.9133073262841112 center offset 0, 1.0 font ',9' front
set label "−0.300" at first 5.0, first -0.9590126063989715 center offset 0, -1.0 font ',9' front
set label "−0.517" at first 6.0, first -1.2625736682761066 center offset 0, -1.0 font ',9' front
set label "+0.200" at first 7.0, first 1.0527303450503749 center offset 0, 1.0 font ',9' front
set label "+0.028\nworse" at first 0.26666666666666666, first 0.04697395641055918 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "+0.030\nworse" at first 1.2666666666666666, first 0.047257962086900904 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "+0.231" at first 2.2666666666666666, first 0.49900300321873803 center offset 0, 1.0 font ',9' front
set label "+0.427\nworse" at first 3.2666666666666666, first 0.519393491486887 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "+0.427" at first 4.266666666666667, first 0.9200495148624099 center offset 0, 1.0 font ',9' front
set label "+0.381\nworse" at first 5.266666666666667, first 0.6498916561442556 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "+0.400\nworse" at first 6.266666666666667, first 0.6504997538230113 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.111" at first 7.266666666666667, first -1.4773637272999847 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#d62728' title 'hc − residual', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#1f77b4' title 'mhc − residual', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#9467bd' title 'mhc − hc', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
