set terminal pngcairo noenhanced size 1500,960 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-hres-heatmaps.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$h00 << EOD
0.8850062671117485 -0.11499417344202811 -0.11499417344202811 -0.11499417344202811
0.25890212237572996 1.258901545079425 0.25890212237572996 0.25890212237572996
-0.0700039227031084 -0.0700039227031084 0.9299962448712904 -0.0700039227031084
0.14144367957123904 0.14144367957123904 0.14144367957123904 1.1414437099010684
EOD
$h01 << EOD
1.0013072256406303 0.03971708568133181 -0.007618572658429912 0.04744668880357494
0.0013069093852209335 1.0397164006135426 -0.007618572658429912 0.04744668880357494
0.0013069093852209335 0.03971708568133181 0.9923814237990882 0.04744668880357494
0.0013069093852209335 0.03971708568133181 -0.007618572658429912 1.0474464410799555
EOD
$h02 << EOD
1.1081825654013664 0.2957706019212786 0.11695136994887666 0.27824622757973294
0.5938473799193255 1.7651226744610682 0.5970518727336687 0.7527184058344916
0.3499325881964612 0.5808837056672331 1.3506252683974116 0.5565575417827945
0.35127473513732166 0.6007904095957551 0.34930547249865596 1.5465345093890073
EOD
$h10 << EOD
0.2500904011176317 0.2502487984165782 0.249996868573362 0.24966394349030452
0.2502321712381672 0.25001999083178816 0.24946791439288063 0.2502799436406349
0.24984652829152765 0.2496279653860256 0.25014303620991996 0.2503824906088994
0.24983090842579259 0.25010326802294003 0.250392208014091 0.24967363954056054
EOD
$h11 << EOD
0.24936617715866305 0.25081270076771034 0.24963882048177766 0.25018231580907013
0.2502971381181851 0.24991027583018877 0.2501491273069405 0.24964347397326492
0.25039035893860273 0.24968984798761085 0.24988688074517995 0.2500329280810547
0.24994634200265864 0.249587189842714 0.25032518681837246 0.25014129668852547
EOD
$h12 << EOD
0.25000002768672286 0.250000031083748 0.25000003221690786 0.2500000297383139
0.2500000279401174 0.25000003133723203 0.2500000324702935 0.2500000299917161
0.25000002807039196 0.2500000314674704 0.2500000326005749 0.2500000301219918
0.25000002797073984 0.25000003136786725 0.25000003250093544 0.25000003002234145
EOD
set multiplot layout 2,3 title 'token-averaged H_res: first sublayer, last sublayer, composite of all (rows: output stream i; columns: input stream j)' font ',12'
reset
set title 'HC sublayer 1'
unset key; set tics out nomirror; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'column sums: 1.22  1.22  1.22  1.22'
set ylabel 'row sums: 0.54  2.04  0.72  1.57'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.89' at 0,0 center front font ',9'
set label '-0.11' at 1,0 center front font ',9'
set label '-0.11' at 2,0 center front font ',9'
set label '-0.11' at 3,0 center front font ',9'
set label '0.26' at 0,1 center front font ',9'
set label '1.26' at 1,1 center front font ',9'
set label '0.26' at 2,1 center front font ',9'
set label '0.26' at 3,1 center front font ',9'
set label '-0.07' at 0,2 center front font ',9'
set label '-0.07' at 1,2 center front font ',9'
set label '0.93' at 2,2 center front font ',9'
set label '-0.07' at 3,2 center front font ',9'
set label '0.14' at 0,3 center front font ',9'
set label '0.14' at 1,3 center front font ',9'
set label '0.14' at 2,3 center front font ',9'
set label '1.14' at 3,3 center front font ',9'
plot $h00 matrix with image
reset
set title 'HC sublayer 8'
unset key; set tics out nomirror; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'column sums: 1.01  1.16  0.97  1.19'
set ylabel 'row sums: 1.08  1.08  1.08  1.08'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.00' at 0,0 center front font ',9'
set label '0.04' at 1,0 center front font ',9'
set label '-0.01' at 2,0 center front font ',9'
set label '0.05' at 3,0 center front font ',9'
set label '0.00' at 0,1 center front font ',9'
set label '1.04' at 1,1 center front font ',9'
set label '-0.01' at 2,1 center front font ',9'
set label '0.05' at 3,1 center front font ',9'
set label '0.00' at 0,2 center front font ',9'
set label '0.04' at 1,2 center front font ',9'
set label '0.99' at 2,2 center front font ',9'
set label '0.05' at 3,2 center front font ',9'
set label '0.00' at 0,3 center front font ',9'
set label '0.04' at 1,3 center front font ',9'
set label '-0.01' at 2,3 center front font ',9'
set label '1.05' at 3,3 center front font ',9'
plot $h01 matrix with image
reset
set title 'HC composite'
unset key; set tics out nomirror; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'column sums: 2.40  3.24  2.41  3.13'
set ylabel 'row sums: 1.80  3.71  2.84  2.85'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.11' at 0,0 center front font ',9'
set label '0.30' at 1,0 center front font ',9'
set label '0.12' at 2,0 center front font ',9'
set label '0.28' at 3,0 center front font ',9'
set label '0.59' at 0,1 center front font ',9'
set label '1.77' at 1,1 center front font ',9'
set label '0.60' at 2,1 center front font ',9'
set label '0.75' at 3,1 center front font ',9'
set label '0.35' at 0,2 center front font ',9'
set label '0.58' at 1,2 center front font ',9'
set label '1.35' at 2,2 center front font ',9'
set label '0.56' at 3,2 center front font ',9'
set label '0.35' at 0,3 center front font ',9'
set label '0.60' at 1,3 center front font ',9'
set label '0.35' at 2,3 center front font ',9'
set label '1.55' at 3,3 center front font ',9'
plot $h02 matrix with image
reset
set title 'MHC sublayer 1'
unset key; set tics out nomirror; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'column sums: 1.00  1.00  1.00  1.00'
set ylabel 'row sums: 1.00  1.00  1.00  1.00'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.25' at 0,0 center front font ',9'
set label '0.25' at 1,0 center front font ',9'
set label '0.25' at 2,0 center front font ',9'
set label '0.25' at 3,0 center front font ',9'
set label '0.25' at 0,1 center front font ',9'
set label '0.25' at 1,1 center front font ',9'
set label '0.25' at 2,1 center front font ',9'
set label '0.25' at 3,1 center front font ',9'
set label '0.25' at 0,2 center front font ',9'
set label '0.25' at 1,2 center front font ',9'
set label '0.25' at 2,2 center front font ',9'
set label '0.25' at 3,2 center front font ',9'
set label '0.25' at 0,3 center front font ',9'
set label '0.25' at 1,3 center front font ',9'
set label '0.25' at 2,3 center front font ',9'
set label '0.25' at 3,3 center front font ',9'
plot $h10 matrix with image
reset
set title 'MHC sublayer 8'
unset key; set tics out nomirror; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'column sums: 1.00  1.00  1.00  1.00'
set ylabel 'row sums: 1.00  1.00  1.00  1.00'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.25' at 0,0 center front font ',9'
set label '0.25' at 1,0 center front font ',9'
set label '0.25' at 2,0 center front font ',9'
set label '0.25' at 3,0 center front font ',9'
set label '0.25' at 0,1 center front font ',9'
set label '0.25' at 1,1 center front font ',9'
set label '0.25' at 2,1 center front font ',9'
set label '0.25' at 3,1 center front font ',9'
set label '0.25' at 0,2 center front font ',9'
set label '0.25' at 1,2 center front font ',9'
set label '0.25' at 2,2 center front font ',9'
set label '0.25' at 3,2 center front font ',9'
set label '0.25' at 0,3 center front font ',9'
set label '0.25' at 1,3 center front font ',9'
set label '0.25' at 2,3 center front font ',9'
set label '0.25' at 3,3 center front font ',9'
plot $h11 matrix with image
reset
set title 'MHC composite'
unset key; set tics out nomirror; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'column sums: 1.00  1.00  1.00  1.00'
set ylabel 'row sums: 1.00  1.00  1.00  1.00'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.25' at 0,0 center front font ',9'
set label '0.25' at 1,0 center front font ',9'
set label '0.25' at 2,0 center front font ',9'
set label '0.25' at 3,0 center front font ',9'
set label '0.25' at 0,1 center front font ',9'
set label '0.25' at 1,1 center front font ',9'
set label '0.25' at 2,1 center front font ',9'
set label '0.25' at 3,1 center front font ',9'
set label '0.25' at 0,2 center front font ',9'
set label '0.25' at 1,2 center front font ',9'
set label '0.25' at 2,2 center front font ',9'
set label '0.25' at 3,2 center front font ',9'
set label '0.25' at 0,3 center front font ',9'
set label '0.25' at 1,3 center front font ',9'
set label '0.25' at 2,3 center front font ',9'
set label '0.25' at 3,3 center front font ',9'
plot $h12 matrix with image
unset multiplot
unset output
