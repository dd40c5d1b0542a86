set terminal pngcairo noenhanced size 1100,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/components-table1.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.26666666666666666 0.0 NaN
0.7333333333333334 -0.022 NaN
1.7333333333333334 -0.025 NaN
2.7333333333333334 -0.027 NaN
EOD
$bars1 << EOD
0.0 -0.012044308347867627 0.007604553930437416
1.0 -0.02298873861748992 0.0141217053542336
2.0 -0.01051911259632258 0.00532510543244074
3.0 -0.009216151351135219 0.007580035009383169
EOD
$bars2 << EOD
0.26666666666666666 -0.012044308347867627 0.007604553930437416
1.2666666666666666 -0.0074083716616920965 0.011403194638259702
2.2666666666666666 -0.01593561538193929 0.015264864815636237
3.2666666666666666 -0.004170783160285889 0.000922020014694951
EOD
set title 'paper Table 1: loss gap to the residual baseline by learned mappings (mean ± sd over 3 seeds; lower is better)'
set xlabel 'learned mappings (the others fixed: H_pre = 1/n, H_post = 1, H_res = I)'
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('none' 0, 'res' 1, 'res+pre' 2, 'res+pre+post' 3) scale 0
set xrange [-0.6:3.6]
set yrange [-0.04615360270034757:0.013037981705191652]
set grid noxtics ytics
set boxwidth 0.24533333333333335 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "0.000" at first -0.26666666666666666, first 0.0 center offset 0, 1.0 font ',9' front
set label "−0.022" at first 0.7333333333333334, first -0.022 center offset 0, -1.0 font ',9' front
set label "−0.025" at first 1.7333333333333334, first -0.025 center offset 0, -1.0 font ',9' front
set label "−0.027" at first 2.7333333333333334, first -0.027 center offset 0, -1.0 font ',9' front
set label "−0.012" at first 0.0, first -0.019648862278305042 center offset 0, -1.0 font ',9' front
set label "−0.023" at first 1.0, first -0.03711044397172352 center offset 0, -1.0 font ',9' front
set label "−0.011" at first 2.0, first -0.01584421802876332 center offset 0, -1.0 font ',9' front
set label "−0.009" at first 3.0, first -0.016796186360518387 center offset 0, -1.0 font ',9' front
set label "−0.012" at first 0.26666666666666666, first -0.019648862278305042 center offset 0, -1.0 font ',9' front
set label "−0.007" at first 1.2666666666666666, first -0.018811566299951798 center offset 0, -1.0 font ',9' front
set label "−0.016" at first 2.2666666666666666, first -0.031200480197575528 center offset 0, -1.0 font ',9' front
set label "−0.004" at first 3.2666666666666666, first -0.00509280317498084 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#f4a582' title 'paper: HC, 27B', \
     $bars1 using 1:2 with boxes lc rgb '#d62728' title 'HC (ours)', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#1f77b4' title 'mHC (ours)', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
