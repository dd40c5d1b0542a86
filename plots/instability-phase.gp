set terminal pngcairo noenhanced size 1380,420 font 'Helvetica,11' linewidth 1.5
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
0.0 1.0 0.0
EOD
$phase1 << EOD
0.0 0.0 -0.006299425981283561
1.0 0.0 -0.04460848804416647
0.0 1.0 -0.05845157827532373
EOD
$phase2 << EOD
0.0 0.0 0.01970102534884492
1.0 0.0 -0.0934636231490266
0.0 1.0 0.03609807122618861
EOD
set multiplot layout 1,3 title 'final validation loss over depth × peak learning rate (C 128, 300 steps); verdict from the 95% interval over paired seeds; S: runs with loss spikes, G: gradient spikes, D: diverged' font ',12'
reset
set title 'residual: final validation loss (mean over seeds)' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'peak learning rate'; set ylabel 'layers'
set xtics ('0.01' 0, '0.03' 1)
set ytics ('4' 0, '8' 1)
set xrange [-0.5:1.5]; set yrange [1.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-0.0934636231490266:0.0934636231490266]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '2.358' at 0,0 center front font ',9' offset 0,0.5
set label 'S 0/3 G 0/3 D 0/3' at 0,0 center front font ',9' offset 0,-0.5
set label '2.747' at 1,0 center front font ',9' offset 0,0.5
set label 'S 0/3 G 3/3 D 0/3' at 1,0 center front font ',9' offset 0,-0.5
set label '2.422' at 0,1 center front font ',9' offset 0,0.5
set label 'S 0/3 G 0/3 D 0/3' at 0,1 center front font ',9' offset 0,-0.5
set style fill solid 1.0 noborder
plot $phase0 using 1:2:(0.5):(0.5):3 with boxxyerror lc palette
reset
set title 'HC − residual (paired by seed): mean gap, verdict' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'peak learning rate'; set ylabel 'layers'
set xtics ('0.01' 0, '0.03' 1)
set ytics ('4' 0, '8' 1)
set xrange [-0.5:1.5]; set yrange [1.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-0.0934636231490266:0.0934636231490266]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '−0.006' at 0,0 center front font ',9' offset 0,1.0
set label 'not resolved (±0.390)' at 0,0 center front font ',9' offset 0,0.0
set label 'S 0/3 G 3/3 D 0/3' at 0,0 center front font ',9' offset 0,-1.0
set label '−0.045' at 1,0 center front font ',9' offset 0,1.0
set label 'not resolved (±0.780)' at 1,0 center front font ',9' offset 0,0.0
set label 'S 1/3 G 3/3 D 0/3' at 1,0 center front font ',9' offset 0,-1.0
set label '−0.058' at 0,1 center front font ',9' offset 0,1.0
set label 'not resolved (±0.209)' at 0,1 center front font ',9' offset 0,0.0
set label 'S 0/3 G 3/3 D 0/3' at 0,1 center front font ',9' offset 0,-1.0
set style fill solid 1.0 noborder
plot $phase1 using 1:2:(0.5):(0.5):3 with boxxyerror lc palette
reset
set title 'MHC − residual (paired by seed): mean gap, verdict' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'peak learning rate'; set ylabel 'layers'
set xtics ('0.01' 0, '0.03' 1)
set ytics ('4' 0, '8' 1)
set xrange [-0.5:1.5]; set yrange [1.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-0.0934636231490266:0.0934636231490266]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '+0.020' at 0,0 center front font ',9' offset 0,1.0
set label 'not resolved (±0.235)' at 0,0 center front font ',9' offset 0,0.0
set label 'S 0/3 G 2/3 D 0/3' at 0,0 center front font ',9' offset 0,-1.0
set label '−0.093' at 1,0 center front font ',9' offset 0,1.0
set label 'not resolved (±0.125)' at 1,0 center front font ',9' offset 0,0.0
set label 'S 0/3 G 3/3 D 0/3' at 1,0 center front font ',9' offset 0,-1.0
set label '+0.036' at 0,1 center front font ',9' offset 0,1.0
set label 'not resolved (±0.115)' at 0,1 center front font ',9' offset 0,0.0
set label 'S 0/3 G 3/3 D 0/3' at 0,1 center front font ',9' offset 0,-1.0
set style fill solid 1.0 noborder
plot $phase2 using 1:2:(0.5):(0.5):3 with boxxyerror lc palette
unset multiplot
unset output
