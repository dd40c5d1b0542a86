set terminal pngcairo noenhanced size 1100,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/manifolds-time.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
-0.3333333333333333 0.17616572108166664 0.026518474989309454
0.6666666666666667 0.07355928518666667 0.0003815260634524891
EOD
$bars1 << EOD
-0.2 0.22092605498166656 0.011305216874862661
0.8 0.1223205480166667 0.005619402173835242
EOD
$bars2 << EOD
-0.06666666666666667 0.24602972377666665 0.02148431725004038
0.9333333333333333 0.10691460884666663 0.001567525447109112
EOD
$bars3 << EOD
0.06666666666666667 0.33637254971499986 0.028150239150016645
1.0666666666666667 0.19581980336000004 0.0030755297283634555
EOD
$bars4 << EOD
0.2 0.3431802008116666 0.042987219262688454
1.2 0.18607451983333334 0.0121987724383847
EOD
$bars5 << EOD
0.3333333333333333 0.2563633883250001 0.036267746419618906
1.3333333333333333 0.10576420384333335 0.003504104560429882
EOD
set title 'mean training step time (s), mean ± sd over seeds'
set xlabel ''
set ylabel 'seconds per step'
set xtics ('reference' 0, 'stress' 1) scale 0
set xrange [-0.6:1.6]
set yrange [0.0:0.47112425249071316]
set grid noxtics ytics
set boxwidth 0.12266666666666667 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "0.176" at first -0.3333333333333333, first 0.2026841960709761 center offset 0, 1.0 font ',9' front
set label "0.0736" at first 0.6666666666666667, first 0.07394081125011916 center offset 0, 1.0 font ',9' front
set label "0.221" at first -0.2, first 0.23223127185652923 center offset 0, 1.0 font ',9' front
set label "0.122" at first 0.8, first 0.12793995019050194 center offset 0, 1.0 font ',9' front
set label "0.246" at first -0.06666666666666667, first 0.26751404102670706 center offset 0, 1.0 font ',9' front
set label "0.107" at first 0.9333333333333333, first 0.10848213429377575 center offset 0, 1.0 font ',9' front
set label "0.336" at first 0.06666666666666667, first 0.3645227888650165 center offset 0, 1.0 font ',9' front
set label "0.196" at first 1.0666666666666667, first 0.1988953330883635 center offset 0, 1.0 font ',9' front
set label "0.343" at first 0.2, first 0.38616742007435506 center offset 0, 1.0 font ',9' front
set label "0.186" at first 1.2, first 0.19827329227171803 center offset 0, 1.0 font ',9' front
set label "0.256" at first 0.3333333333333333, first 0.292631134744619 center offset 0, 1.0 font ',9' front
set label "0.106" at first 1.3333333333333333, first 0.10926830840376323 center offset 0, 1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#4d4d4d' title 'residual', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars1 using 1:2 with boxes lc rgb '#1f77b4' title 'sinkhorn', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#2ca02c' title 'birkhoff', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars3 using 1:2 with boxes lc rgb '#9467bd' title 'deepseek-v4', \
     $bars3 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars4 using 1:2 with boxes lc rgb '#e377c2' title 'deepseek-v4 + learned collapse', \
     $bars4 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars5 using 1:2 with boxes lc rgb '#ff7f0e' title 'none', \
     $bars5 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
