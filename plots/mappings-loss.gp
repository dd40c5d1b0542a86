set terminal pngcairo noenhanced size 1500,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/mappings-loss.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
0.0 -0.035290125303049535 0.028168399470762814
1.0 -0.08430859572422378 0.15420266948645622
2.0 -0.020976280531613156 0.09816163450304537
3.0 -0.03347345592430884 0.06337250487619031
4.0 -0.009676938520669864 0.06958044307705188
5.0 -0.03169243320178339 0.1733559970849155
6.0 -0.018225323907813618 0.053210295429572535
7.0 -0.04322239206442191 0.15240685947729268
8.0 -0.0180572273091002 0.024516633588386287
9.0 -0.047326707499962595 0.09576484606729833
10.0 0.0033030589345344197 0.13393157745339296
11.0 -0.016709927197211982 0.20989083793934343
EOD
set title 'final validation loss − residual baseline: mean and 95% interval over 2 seeds (paired by seed)'
set xlabel 'HC, or mHC with H_res init u = uniform, eye, id = identity (±3, home pre); + e = stream embeddings, + h = home-stream H_pre; lr×10 = connection lr'
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('HC' 0, 'HC+e' 1, 'u' 2, 'u+e (default)' 3, 'u+h' 4, 'u+h+e' 5, 'eye' 6, 'eye+h+e' 7, 'id' 8, 'id+e' 9, 'u lr×10' 10, 'u+h+e lr×10' 11) scale 0
set xrange [-0.6:11.6]
set yrange [-0.33348354392029855:0.28815318945174995]
set grid noxtics ytics
set boxwidth 0.7360000000000001 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "−0.035\nbetter" at first 0.0, first -0.06345852477381235 center offset 0, -1.5 font ',9' front textcolor rgb '#b2182b'
set label "−0.084" at first 1.0, first -0.23851126521068 center offset 0, -1.0 font ',9' front
set label "−0.021" at first 2.0, first -0.11913791503465852 center offset 0, -1.0 font ',9' front
set label "−0.033" at first 3.0, first -0.09684596080049915 center offset 0, -1.0 font ',9' front
set label "−0.010" at first 4.0, first -0.07925738159772175 center offset 0, -1.0 font ',9' front
set label "−0.032" at first 5.0, first -0.2050484302866989 center offset 0, -1.0 font ',9' front
set label "−0.018" at first 6.0, first -0.07143561933738615 center offset 0, -1.0 font ',9' front
set label "−0.043" at first 7.0, first -0.1956292515417146 center offset 0, -1.0 font ',9' front
set label "−0.018" at first 8.0, first -0.042573860897486486 center offset 0, -1.0 font ',9' front
set label "−0.047" at first 9.0, first -0.14309155356726094 center offset 0, -1.0 font ',9' front
set label "+0.003" at first 10.0, first 0.13723463638792738 center offset 0, 1.0 font ',9' front
set label "−0.017" at first 11.0, first -0.22660076513655542 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#1f77b4' title 'gap', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
