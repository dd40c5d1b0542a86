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
1.0 -0.02773157486819855 0.015106112377738254
2.0 -0.008349578492243381 0.009556196533658436
3.0 -0.006222104888441511 0.015806071287290186
EOD
$bars2 << EOD
0.26666666666666666 -0.012044308347867627 0.007604553930437416
1.2666666666666666 -0.018054669047311716 0.011817963267857034
2.2666666666666666 -0.01066640889022589 0.016779295109604866
3.2666666666666666 -0.003637820738958908 0.007460077757960725
EOD
set title 'paper Table 1: loss gap to the residual baseline by learned mappings (mean ± sd over 3 seeds; lower is better)'
set xlabel 'learned mappings (the others fixed: H_pre = 1/n, H_post = 1, H_res = I)'
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('none' 0, 'res' 1, 'res+pre' 2, 'res+pre+post' 3) scale 0
set xrange [-0.6:3.6]
set yrange [-0.05437045104778961:0.021116730200701483]
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
set label "−0.028" at first 1.0, first -0.042837687245936805 center offset 0, -1.0 font ',9' front
set label "−0.008" at first 2.0, first -0.017905775025901818 center offset 0, -1.0 font ',9' front
set label "−0.006" at first 3.0, first -0.022028176175731697 center offset 0, -1.0 font ',9' front
set label "−0.012" at first 0.26666666666666666, first -0.019648862278305042 center offset 0, -1.0 font ',9' front
set label "−0.018" at first 1.2666666666666666, first -0.02987263231516875 center offset 0, -1.0 font ',9' front
set label "−0.011" at first 2.2666666666666666, first -0.027445703999830755 center offset 0, -1.0 font ',9' front
set label "−0.004" at first 3.2666666666666666, first -0.011097898496919632 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#f4a582' title 'paper: HC, 27B', \
     $bars1 using 1:2 with boxes lc rgb '#d62728' title 'HC (ours)', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#1f77b4' title 'mHC (ours)', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
