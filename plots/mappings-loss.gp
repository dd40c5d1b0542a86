set terminal pngcairo noenhanced size 1500,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/mappings-loss.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$bars0 << EOD
0.0 -0.035290125303049535 0.0031351716259135436
1.0 -0.08430859572422378 0.017162914581492536
2.0 -0.020976280531613156 0.010925490160229883
3.0 -0.03347345592430884 0.007053424507030362
4.0 -0.009676938520669864 0.007744374368167039
5.0 -0.03169243320178339 0.019294699502067938
6.0 -0.018225323907813618 0.005922360218244777
7.0 -0.04322239206442191 0.016963039093639387
8.0 -0.0180572273091002 0.002728726354119193
9.0 -0.047326707499962595 0.010658725159794862
10.0 0.0033030589345344197 0.014906721337914505
11.0 -0.016709927197211982 0.023361064597570026
EOD
set title 'final validation loss − residual baseline (same seed; mean ± sd over 2 seeds)'
set xlabel 'HC, or mHC with H_res init u = uniform, eye, id = identity (±3, home pre); + e = stream embeddings, + h = home-stream H_pre; lr×10 = connection lr'
set ylabel 'loss gap to residual (nats/byte)'
set xtics ('HC' 0, 'HC+e' 1, 'u' 2, 'u+e (default)' 3, 'u+h' 4, 'u+h+e' 5, 'eye' 6, 'eye+h+e' 7, 'id' 8, 'id+e' 9, 'u lr×10' 10, 'u+h+e lr×10' 11) scale 0
set xrange [-0.6:11.6]
set yrange [-0.12780139423291267:0.04453966419964528]
set grid noxtics ytics
set boxwidth 0.7360000000000001 absolute
set style fill solid 0.85 border lc rgb '#333333'
set key top left
set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'
set label "−0.035" at first 0.0, first -0.03842529692896308 center offset 0, -1.0 font ',9' front
set label "−0.084" at first 1.0, first -0.10147151030571631 center offset 0, -1.0 font ',9' front
set label "−0.021" at first 2.0, first -0.03190177069184304 center offset 0, -1.0 font ',9' front
set label "−0.033" at first 3.0, first -0.0405268804313392 center offset 0, -1.0 font ',9' front
set label "−0.010" at first 4.0, first -0.0174213128888369 center offset 0, -1.0 font ',9' front
set label "−0.032" at first 5.0, first -0.05098713270385133 center offset 0, -1.0 font ',9' front
set label "−0.018" at first 6.0, first -0.024147684126058395 center offset 0, -1.0 font ',9' front
set label "−0.043" at first 7.0, first -0.0601854311580613 center offset 0, -1.0 font ',9' front
set label "−0.018" at first 8.0, first -0.020785953663219392 center offset 0, -1.0 font ',9' front
set label "−0.047" at first 9.0, first -0.05798543265975746 center offset 0, -1.0 font ',9' front
set label "+0.003" at first 10.0, first 0.018209780272448926 center offset 0, 1.0 font ',9' front
set label "−0.017" at first 11.0, first -0.040070991794782004 center offset 0, -1.0 font ',9' front
plot $bars0 using 1:2 with boxes lc rgb '#1f77b4' title 'gap', \
     $bars0 using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle
unset output
