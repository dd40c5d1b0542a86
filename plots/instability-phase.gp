set terminal pngcairo noenhanced size 1830,660 font 'Helvetica,11' linewidth 1.5
set output 'plots/instability-phase.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$phase0 << EOD
0.0 0.0 0.0
1.0 0.0 0.0
2.0 0.0 0.0
1.0 1.0 0.0
2.0 1.0 0.0
1.0 2.0 0.0
2.0 2.0 0.0
1.0 3.0 0.0
2.0 3.0 0.0
EOD
$phase1 << EOD
0.0 0.0 -0.04491490627552427
1.0 0.0 -0.027926498128211907
2.0 0.0 -0.12249127602897814
1.0 1.0 -0.01562868790443811
2.0 1.0 0.018671833064359378
1.0 2.0 -0.04460881369226677
2.0 2.0 0.27207597302937886
1.0 3.0 -0.03788741461435596
2.0 3.0 0.4622557449391518
EOD
$phase2 << EOD
0.0 0.0 -0.015680710765713333
1.0 0.0 -0.016878815878920095
2.0 0.0 -0.13804470164972305
1.0 1.0 -0.032129542280637025
2.0 1.0 -0.16492432565137316
1.0 2.0 -0.1129079203221327
2.0 2.0 -0.07093499953038745
1.0 3.0 -0.017855247598376645
2.0 3.0 -0.23187849698851914
EOD
set multiplot layout 1,3 title 'final validation loss over depth × peak learning rate (C 128, 300 steps); verdict from the 95% interval over paired seeds; S: runs with loss spikes, G: gradient spikes, D: diverged' font ',12'
reset
set title 'residual: final validation loss (mean over seeds)' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'peak learning rate'; set ylabel 'layers'
set xtics ('0.003' 0, '0.01' 1, '0.03' 2)
set ytics ('4' 0, '8' 1, '16' 2, '32' 3)
set xrange [-0.5:2.5]; set yrange [3.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-0.4622557449391518:0.4622557449391518]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '2.09' at 0,0 center front font ',9' offset 0,0.5
set label 'S 0/20 G 5/20 D 0/20' at 0,0 center front font ',9' offset 0,-0.5
set label '2.387' at 1,0 center front font ',9' offset 0,0.5
set label 'S 0/8 G 2/8 D 0/8' at 1,0 center front font ',9' offset 0,-0.5
set label '2.78' at 2,0 center front font ',9' offset 0,0.5
set label 'S 0/8 G 8/8 D 0/8' at 2,0 center front font ',9' offset 0,-0.5
set label '2.414' at 1,1 center front font ',9' offset 0,0.5
set label 'S 0/8 G 1/8 D 0/8' at 1,1 center front font ',9' offset 0,-0.5
set label '2.785' at 2,1 center front font ',9' offset 0,0.5
set label 'S 0/8 G 8/8 D 0/8' at 2,1 center front font ',9' offset 0,-0.5
set label '2.488' at 1,2 center front font ',9' offset 0,0.5
set label 'S 0/8 G 5/8 D 0/8' at 1,2 center front font ',9' offset 0,-0.5
set label '2.742' at 2,2 center front font ',9' offset 0,0.5
set label 'S 0/8 G 8/8 D 0/8' at 2,2 center front font ',9' offset 0,-0.5
set label '2.461' at 1,3 center front font ',9' offset 0,0.5
set label 'S 0/4 G 3/4 D 0/4' at 1,3 center front font ',9' offset 0,-0.5
set label '2.909' at 2,3 center front font ',9' offset 0,0.5
set label 'S 0/4 G 4/4 D 0/4' at 2,3 center front font ',9' offset 0,-0.5
set style fill solid 1.0 noborder
plot $phase0 using 1:2:(0.5):(0.5):3 with boxxyerror lc palette
reset
set title 'HC − residual (paired by seed): mean gap, verdict' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'peak learning rate'; set ylabel 'layers'
set xtics ('0.003' 0, '0.01' 1, '0.03' 2)
set ytics ('4' 0, '8' 1, '16' 2, '32' 3)
set xrange [-0.5:2.5]; set yrange [3.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-0.4622557449391518:0.4622557449391518]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '−0.045' at 0,0 center front font ',9' offset 0,1.0
set label 'better' at 0,0 center front font ',9' offset 0,0.0
set label 'S 3/12 G 7/12 D 0/12' at 0,0 center front font ',9' offset 0,-1.0
set label '−0.028' at 1,0 center front font ',9' offset 0,1.0
set label 'not resolved (±0.078)' at 1,0 center front font ',9' offset 0,0.0
set label 'S 0/8 G 7/8 D 0/8' at 1,0 center front font ',9' offset 0,-1.0
set label '−0.122' at 2,0 center front font ',9' offset 0,1.0
set label 'not resolved (±0.172)' at 2,0 center front font ',9' offset 0,0.0
set label 'S 1/8 G 8/8 D 0/8' at 2,0 center front font ',9' offset 0,-1.0
set label '−0.016' at 1,1 center front font ',9' offset 0,1.0
set label 'not resolved (±0.098)' at 1,1 center front font ',9' offset 0,0.0
set label 'S 0/8 G 7/8 D 0/8' at 1,1 center front font ',9' offset 0,-1.0
set label '+0.019' at 2,1 center front font ',9' offset 0,1.0
set label 'not resolved (±0.153)' at 2,1 center front font ',9' offset 0,0.0
set label 'S 2/8 G 8/8 D 0/8' at 2,1 center front font ',9' offset 0,-1.0
set label '−0.045' at 1,2 center front font ',9' offset 0,1.0
set label 'not resolved (±0.080)' at 1,2 center front font ',9' offset 0,0.0
set label 'S 0/8 G 8/8 D 0/8' at 1,2 center front font ',9' offset 0,-1.0
set label '+0.272' at 2,2 center front font ',9' offset 0,1.0
set label 'worse' at 2,2 center front font ',9' offset 0,0.0
set label 'S 3/8 G 7/8 D 0/8' at 2,2 center front font ',9' offset 0,-1.0
set label '−0.038' at 1,3 center front font ',9' offset 0,1.0
set label 'not resolved (±0.235)' at 1,3 center front font ',9' offset 0,0.0
set label 'S 1/4 G 4/4 D 0/4' at 1,3 center front font ',9' offset 0,-1.0
set label '+0.462' at 2,3 center front font ',9' offset 0,1.0
set label 'not resolved (±0.767)' at 2,3 center front font ',9' offset 0,0.0
set label 'S 3/4 G 4/4 D 1/4' at 2,3 center front font ',9' offset 0,-1.0
set style fill solid 1.0 noborder
plot $phase1 using 1:2:(0.5):(0.5):3 with boxxyerror lc palette
reset
set title 'mHC − residual (paired by seed): mean gap, verdict' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'peak learning rate'; set ylabel 'layers'
set xtics ('0.003' 0, '0.01' 1, '0.03' 2)
set ytics ('4' 0, '8' 1, '16' 2, '32' 3)
set xrange [-0.5:2.5]; set yrange [3.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-0.4622557449391518:0.4622557449391518]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '−0.016' at 0,0 center front font ',9' offset 0,1.0
set label 'not resolved (±0.020)' at 0,0 center front font ',9' offset 0,0.0
set label 'S 0/20 G 4/20 D 0/20' at 0,0 center front font ',9' offset 0,-1.0
set label '−0.017' at 1,0 center front font ',9' offset 0,1.0
set label 'not resolved (±0.076)' at 1,0 center front font ',9' offset 0,0.0
set label 'S 0/8 G 4/8 D 0/8' at 1,0 center front font ',9' offset 0,-1.0
set label '−0.138' at 2,0 center front font ',9' offset 0,1.0
set label 'better' at 2,0 center front font ',9' offset 0,0.0
set label 'S 0/8 G 8/8 D 0/8' at 2,0 center front font ',9' offset 0,-1.0
set label '−0.032' at 1,1 center front font ',9' offset 0,1.0
set label 'not resolved (±0.064)' at 1,1 center front font ',9' offset 0,0.0
set label 'S 0/8 G 5/8 D 0/8' at 1,1 center front font ',9' offset 0,-1.0
set label '−0.165' at 2,1 center front font ',9' offset 0,1.0
set label 'better' at 2,1 center front font ',9' offset 0,0.0
set label 'S 0/8 G 7/8 D 0/8' at 2,1 center front font ',9' offset 0,-1.0
set label '−0.113' at 1,2 center front font ',9' offset 0,1.0
set label 'better' at 1,2 center front font ',9' offset 0,0.0
set label 'S 0/8 G 5/8 D 0/8' at 1,2 center front font ',9' offset 0,-1.0
set label '−0.071' at 2,2 center front font ',9' offset 0,1.0
set label 'not resolved (±0.093)' at 2,2 center front font ',9' offset 0,0.0
set label 'S 1/8 G 8/8 D 0/8' at 2,2 center front font ',9' offset 0,-1.0
set label '−0.018' at 1,3 center front font ',9' offset 0,1.0
set label 'not resolved (±0.159)' at 1,3 center front font ',9' offset 0,0.0
set label 'S 0/4 G 3/4 D 0/4' at 1,3 center front font ',9' offset 0,-1.0
set label '−0.232' at 2,3 center front font ',9' offset 0,1.0
set label 'not resolved (±0.292)' at 2,3 center front font ',9' offset 0,0.0
set label 'S 1/4 G 4/4 D 0/4' at 2,3 center front font ',9' offset 0,-1.0
set style fill solid 1.0 noborder
plot $phase2 using 1:2:(0.5):(0.5):3 with boxxyerror lc palette
unset multiplot
unset output
