set terminal pngcairo noenhanced size 1100,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/manifolds-loss.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.32 -0.04275546830200483 0.024766716865353852
0.6799999999999999 -0.025561015612765914 0.03018448477590465
EOD
$bars1 << EOD
-0.16 -0.02230219368269104 0.05771201556684469
0.84 -0.012524069457867881 1.8059221518797646
EOD
$bars2 << EOD
0.0 -0.03686592676339728 0.0474355013607421
1.0 0.05581288224857417 0.018160440584396798
EOD
$bars3 << EOD
0.16 -0.026795956141853594 0.007279053056144107
1.16 -0.02803032828887808 0.8498015936010014
EOD
$bars4 << EOD
0.32 -0.011746375424735334 0.1530826816437421
1.32 2.6058285877988965 0.42371913371282927
EOD
set title 'final validation loss − residual: mean and 95% interval over 2 seed(s) (paired by seed)'
set xlabel ''
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('reference: 4 layers, C 128, lr 0.003' 0, 'stress: 16 layers, C 64, lr 0.03' 1) scale 0
set xrange [-0.6:1.6]
set yrange [-2.8850048887644912:4.096106388938585]
set grid noxtics ytics
set boxwidth 0.1472 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "−0.043\nbetter" at first -0.32, first -0.06752218516735868 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.026" at first 0.6799999999999999, first -0.055745500388670564 center offset 0, -1.0 font ',9' front
set label "−0.022" at first -0.16, first -0.08001420924953573 center offset 0, -1.0 font ',9' front
set label "−0.013" at first 0.84, first -1.8184462213376325 center offset 0, -1.0 font ',9' front
set label "−0.037" at first 0.0, first -0.08430142812413938 center offset 0, -1.0 font ',9' front
set label "+0.056\nworse" at first 1.0, first 0.07397332283297096 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.027\nbetter" at first 0.16, first -0.034075009197997705 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.028" at first 1.16, first -0.8778319218898795 center offset 0, -1.0 font ',9' front
set label "−0.012" at first 0.32, first -0.16482905706847745 center offset 0, -1.0 font ',9' front
set label "+2.606\nworse" at first 1.32, first 3.029547721511726 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
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
