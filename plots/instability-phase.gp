set terminal pngcairo noenhanced size 1830,510 font 'Helvetica,11' linewidth 1.5
set output 'plots/instability-phase.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$phase0 << EOD
0.0 0.0 0.0
NaN 0.0 0.0
NaN 0.0 0.0
EOD
$phase1 << EOD
-0.043342245739381724 -0.026895281290592266 -0.15197578862466798
NaN 0.027164912011812703 -0.2672369763580491
NaN -0.05586817066783093 0.6806619072503963
EOD
$phase2 << EOD
-0.0447046511917506 0.010413657029857859 -0.021694448267226107
NaN 0.18411536920075378 -0.15565699910257536
NaN -0.07641608774578874 0.1530438899553701
EOD
set multiplot layout 1,3 title 'final validation loss over depth × peak learning rate (C 128, 300 steps); S: runs with loss spikes, G: gradient spikes, D: diverged' font ',12'
reset
set title 'residual: final validation loss' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'peak learning rate'; set ylabel 'layers'
set xtics ('0.003' 0, '0.01' 1, '0.03' 2)
set ytics ('4' 0, '8' 1, '16' 2)
set xrange [-0.5:2.5]; set yrange [2.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-0.6806619072503963:0.6806619072503963]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '2.095' at 0,0 center front font ',9' offset 0,0.5
set label 'S 0/1 G 0/1 D 0/1' at 0,0 center front font ',9' offset 0,-0.5
set label '2.312' at 1,0 center front font ',9' offset 0,0.5
set label 'S 0/1 G 0/1 D 0/1' at 1,0 center front font ',9' offset 0,-0.5
set label '2.772' at 2,0 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 2,0 center front font ',9' offset 0,-0.5
set label '2.369' at 1,1 center front font ',9' offset 0,0.5
set label 'S 0/1 G 0/1 D 0/1' at 1,1 center front font ',9' offset 0,-0.5
set label '2.847' at 2,1 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 2,1 center front font ',9' offset 0,-0.5
set label '2.419' at 1,2 center front font ',9' offset 0,0.5
set label 'S 0/3 G 2/3 D 0/3' at 1,2 center front font ',9' offset 0,-0.5
set label '2.685' at 2,2 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 2,2 center front font ',9' offset 0,-0.5
plot $phase0 matrix with image
reset
set title 'HC − residual (same seed)' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'peak learning rate'; set ylabel 'layers'
set xtics ('0.003' 0, '0.01' 1, '0.03' 2)
set ytics ('4' 0, '8' 1, '16' 2)
set xrange [-0.5:2.5]; set yrange [2.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-0.6806619072503963:0.6806619072503963]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '−0.043' at 0,0 center front font ',9' offset 0,0.5
set label 'S 1/1 G 1/1 D 0/1' at 0,0 center front font ',9' offset 0,-0.5
set label '−0.027' at 1,0 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 1,0 center front font ',9' offset 0,-0.5
set label '−0.152' at 2,0 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 2,0 center front font ',9' offset 0,-0.5
set label '+0.027' at 1,1 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 1,1 center front font ',9' offset 0,-0.5
set label '−0.267' at 2,1 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 2,1 center front font ',9' offset 0,-0.5
set label '−0.056' at 1,2 center front font ',9' offset 0,0.5
set label 'S 0/3 G 3/3 D 0/3' at 1,2 center front font ',9' offset 0,-0.5
set label '+0.681' at 2,2 center front font ',9' offset 0,0.5
set label 'S 1/1 G 1/1 D 0/1' at 2,2 center front font ',9' offset 0,-0.5
plot $phase1 matrix with image
reset
set title 'MHC − residual (same seed)' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'peak learning rate'; set ylabel 'layers'
set xtics ('0.003' 0, '0.01' 1, '0.03' 2)
set ytics ('4' 0, '8' 1, '16' 2)
set xrange [-0.5:2.5]; set yrange [2.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-0.6806619072503963:0.6806619072503963]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '−0.045' at 0,0 center front font ',9' offset 0,0.5
set label 'S 0/1 G 0/1 D 0/1' at 0,0 center front font ',9' offset 0,-0.5
set label '+0.010' at 1,0 center front font ',9' offset 0,0.5
set label 'S 0/1 G 0/1 D 0/1' at 1,0 center front font ',9' offset 0,-0.5
set label '−0.022' at 2,0 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 2,0 center front font ',9' offset 0,-0.5
set label '+0.184' at 1,1 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 1,1 center front font ',9' offset 0,-0.5
set label '−0.156' at 2,1 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 2,1 center front font ',9' offset 0,-0.5
set label '−0.076' at 1,2 center front font ',9' offset 0,0.5
set label 'S 0/3 G 1/3 D 0/3' at 1,2 center front font ',9' offset 0,-0.5
set label '+0.153' at 2,2 center front font ',9' offset 0,0.5
set label 'S 0/1 G 1/1 D 0/1' at 2,2 center front font ',9' offset 0,-0.5
plot $phase2 matrix with image
unset multiplot
unset output
