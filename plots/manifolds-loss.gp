set terminal pngcairo noenhanced size 1100,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/manifolds-loss.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.32 -0.04275546830200483 0.0027565608782240503
0.6799999999999999 -0.025561015612765914 0.0033595639791483283
EOD
$bars1 << EOD
-0.16 -0.02230219368269104 0.006423406266559608
0.84 -0.012524069457867881 0.20100097966371394
EOD
$bars2 << EOD
0.0 -0.03686592676339728 0.005279619741318393
1.0 0.05581288224857417 0.002021275582000533
EOD
$bars3 << EOD
0.16 -0.026795956141853594 0.0008101660383235209
1.16 -0.02803032828887808 0.09458378516249513
EOD
$bars4 << EOD
0.32 -0.011746375424735334 0.017038258790896765
1.32 2.6058285877988965 0.04716037227290694
EOD
set title 'final validation loss − residual (same seed; mean ± sd over seeds)'
set xlabel ''
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('reference: 4 layers, C 128, lr 0.003' 0, 'stress: 16 layers, C 64, lr 0.03' 1) scale 0
set xrange [-0.6:1.6]
set yrange [-0.8441581311441266:3.2836220420943483]
set grid noxtics ytics
set boxwidth 0.1472 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "−0.043" at first -0.32, first -0.045512029180228876 center offset 0, -1.0 font ',9' front
set label "−0.026" at first 0.6799999999999999, first -0.02892057959191424 center offset 0, -1.0 font ',9' front
set label "−0.022" at first -0.16, first -0.028725599949250648 center offset 0, -1.0 font ',9' front
set label "−0.013" at first 0.84, first -0.21352504912158182 center offset 0, -1.0 font ',9' front
set label "−0.037" at first 0.0, first -0.04214554650471568 center offset 0, -1.0 font ',9' front
set label "+0.056" at first 1.0, first 0.0578341578305747 center offset 0, 1.0 font ',9' front
set label "−0.027" at first 0.16, first -0.027606122180177117 center offset 0, -1.0 font ',9' front
set label "−0.028" at first 1.16, first -0.12261411345137321 center offset 0, -1.0 font ',9' front
set label "−0.012" at first 0.32, first -0.0287846342156321 center offset 0, -1.0 font ',9' front
set label "+2.606" at first 1.32, first 2.6529889600718035 center offset 0, 1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#1f77b4' title 'sinkhorn', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#2ca02c' title 'birkhoff', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#9467bd' title 'deepseek-v4', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars3 using 1:2 with boxes lc rgb '#e377c2' title 'deepseek-v4 + learned collapse', \
     $bars3 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars4 using 1:2 with boxes lc rgb '#ff7f0e' title 'none', \
     $bars4 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
