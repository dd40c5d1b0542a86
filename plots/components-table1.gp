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
0.0 0.026149267780738228 0.09577112235842362
1.0 -0.014688755621061015 0.08128483687855759
2.0 -0.08738011585455752 0.03814268544764918
3.0 -0.07230172264075918 0.013426590714570577
EOD
$bars2 << EOD
0.26666666666666666 0.026149267780738228 0.09577112235842362
1.2666666666666666 0.02033557078607373 0.08622190251845263
2.2666666666666666 0.029825133851735092 0.08398763702363765
3.2666666666666666 -0.02058711899659708 0.042852789937918606
EOD
set title 'paper Table 1: loss gap to the residual baseline by learned mappings (mean ± sd over 3 seeds; lower is better)'
set xlabel 'learned mappings (the others fixed: H_pre = 1/n, H_post = 1, H_res = I)'
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('none' 0, 'res' 1, 'res+pre' 2, 'res+pre+post' 3) scale 0
set xrange [-0.6:3.6]
set yrange [-0.17996030341930777:0.17635789225626294]
set grid noxtics ytics
set boxwidth 0.24533333333333335 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "0.000" at first -0.26666666666666666, first 0.0 center offset 0, 1.0 font ',9' front
set label "−0.022" at first 0.7333333333333334, first -0.022 center offset 0, -1.0 font ',9' front
set label "−0.025" at first 1.7333333333333334, first -0.025 center offset 0, -1.0 font ',9' front
set label "−0.027" at first 2.7333333333333334, first -0.027 center offset 0, -1.0 font ',9' front
set label "+0.026" at first 0.0, first 0.12192039013916185 center offset 0, 1.0 font ',9' front
set label "−0.015" at first 1.0, first -0.0959735924996186 center offset 0, -1.0 font ',9' front
set label "−0.087" at first 2.0, first -0.1255228013022067 center offset 0, -1.0 font ',9' front
set label "−0.072" at first 3.0, first -0.08572831335532975 center offset 0, -1.0 font ',9' front
set label "+0.026" at first 0.26666666666666666, first 0.12192039013916185 center offset 0, 1.0 font ',9' front
set label "+0.020" at first 1.2666666666666666, first 0.10655747330452636 center offset 0, 1.0 font ',9' front
set label "+0.030" at first 2.2666666666666666, first 0.11381277087537274 center offset 0, 1.0 font ',9' front
set label "−0.021" at first 3.2666666666666666, first -0.06343990893451569 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#f4a582' title 'paper: HC, 27B', \
     $bars1 using 1:2 with boxes lc rgb '#d62728' title 'HC (ours)', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#1f77b4' title 'mHC (ours)', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
