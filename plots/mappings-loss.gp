set terminal pngcairo noenhanced size 1500,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/mappings-loss.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
0.0 -0.029881695704748523 0.014643299634212712
1.0 -0.07684994492280477 0.06112647998693599
2.0 -0.006296355228181246 0.02723731718886472
3.0 -0.020253150782561846 0.04856855256017976
4.0 -0.009542891052401359 0.02150465459622186
5.0 -0.03451916957158 0.045061161840478425
6.0 -0.004338587377166192 0.016663065600372545
7.0 -0.03145759425303751 0.05184455415208301
8.0 -0.011017057133423455 0.020290606511552782
9.0 -0.03371493450176052 0.06747188876770059
10.0 0.020248103344798096 0.017415805214295026
11.0 -0.010433473928738835 0.03887314203940495
EOD
set title 'final validation loss − residual baseline: mean and 95% interval over 3 seeds (paired by seed)'
set xlabel 'HC, or mHC with H_res init u = uniform, eye, id = identity (±3, home pre); + e = stream embeddings, + h = home-stream H_pre; lr×10 = connection lr'
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('HC' 0, 'HC+e' 1, 'u' 2, 'u+e (default)' 3, 'u+h' 4, 'u+h+e' 5, 'eye' 6, 'eye+h+e' 7, 'id' 8, 'id+e' 9, 'u lr×10' 10, 'u+h+e lr×10' 11) scale 0
set xrange [-0.6:11.6]
set yrange [-0.17661729827288422:0.07630478192223658]
set grid noxtics ytics
set boxwidth 0.7360000000000001 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "−0.030\nbetter" at first 0.0, first -0.04452499533896123 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.077\nbetter" at first 1.0, first -0.13797642490974077 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.006" at first 2.0, first -0.03353367241704597 center offset 0, -1.0 font ',9' front
set label "−0.020" at first 3.0, first -0.0688217033427416 center offset 0, -1.0 font ',9' front
set label "−0.010" at first 4.0, first -0.03104754564862322 center offset 0, -1.0 font ',9' front
set label "−0.035" at first 5.0, first -0.07958033141205842 center offset 0, -1.0 font ',9' front
set label "−0.004" at first 6.0, first -0.021001652977538737 center offset 0, -1.0 font ',9' front
set label "−0.031" at first 7.0, first -0.08330214840512051 center offset 0, -1.0 font ',9' front
set label "−0.011" at first 8.0, first -0.03130766364497624 center offset 0, -1.0 font ',9' front
set label "−0.034" at first 9.0, first -0.1011868232694611 center offset 0, -1.0 font ',9' front
set label "+0.020\nworse" at first 10.0, first 0.03766390855909312 center offset 0, 1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.010" at first 11.0, first -0.049306615968143785 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#1f77b4' title 'gap', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
