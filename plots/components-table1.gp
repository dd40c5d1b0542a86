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
0.0 0.021417587034505914 0.19383841240695981
1.0 -0.037972267944510474 0.05415717027672643
2.0 -0.06478646749970851 0.022165813267087407
3.0 -0.0487931621616442 0.013077276894482417
EOD
$bars2 << EOD
0.26666666666666666 0.021417587034505914 0.19383841240695981
1.2666666666666666 0.024553354594829102 0.2030400139667401
2.2666666666666666 0.022945355093256126 0.16738133295569319
3.2666666666666666 -0.013015908769740273 0.10588292064069328
EOD
set title 'paper Table 1: loss gap to the residual baseline by learned mappings (mean and 95% interval over 3–16 seeds (paired by seed); lower is better)'
set xlabel 'learned mappings (the others fixed: H_pre = 1/n, H_post = 1, H_res = I)'
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('none' 0, 'res' 1, 'res+pre' 2, 'res+pre+post' 3) scale 0
set xrange [-0.6:3.6]
set yrange [-0.2678242655172766:0.3169309747069348]
set grid noxtics ytics
set boxwidth 0.24533333333333335 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "0.000" at first -0.26666666666666666, first 0.0 center offset 0, 1.0 font ',9' front
set label "−0.022" at first 0.7333333333333334, first -0.022 center offset 0, -1.0 font ',9' front
set label "−0.025" at first 1.7333333333333334, first -0.025 center offset 0, -1.0 font ',9' front
set label "−0.027" at first 2.7333333333333334, first -0.027 center offset 0, -1.0 font ',9' front
set label "+0.021" at first 0.0, first 0.21525599944146573 center offset 0, 1.0 font ',9' front
set label "−0.038" at first 1.0, first -0.0921294382212369 center offset 0, -1.0 font ',9' front
set label "−0.065\nbetter" at first 2.0, first -0.08695228076679593 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.049\nbetter" at first 3.0, first -0.06187043905612662 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "+0.021" at first 0.26666666666666666, first 0.21525599944146573 center offset 0, 1.0 font ',9' front
set label "+0.025" at first 1.2666666666666666, first 0.2275933685615692 center offset 0, 1.0 font ',9' front
set label "+0.023" at first 2.2666666666666666, first 0.1903266880489493 center offset 0, 1.0 font ',9' front
set label "−0.013" at first 3.2666666666666666, first -0.11889882941043356 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#f4a582' title 'paper: HC, 27B', \
     $bars1 using 1:2 with boxes lc rgb '#d62728' title 'HC (ours)', \
     $bars1 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle, \
     $bars2 using 1:2 with boxes lc rgb '#1f77b4' title 'mHC (ours)', \
     $bars2 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
