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
0.25008772429282544 0.25022881965560373 0.2500004329995136 0.24968303972127615
0.25022526170505444 0.24997955524304416 0.2495110173986177 0.2502841841560439
0.24983074028568808 0.24967605208075838 0.2501087379423552 0.25038449869316537
0.24985629701404832 0.25011560400162125 0.25037984052323736 0.2496482787464629
EOD
$h11 << EOD
0.24936536351015093 0.2507788856892148 0.24965475542558124 0.25020101035624975
0.2502279048640048 0.2499285656158463 0.2501862192439148 0.24965732320561074
0.250395847382606 0.24966523435432464 0.24986285978229716 0.2500760735492804
0.25001089816214517 0.2496273281867616 0.2502961823993246 0.25006560669862665
EOD
$h12 << EOD
0.2500000314129757 0.25000003333337917 0.25000003280456273 0.2500000259180841
0.25000003089893413 0.2500000328193355 0.2500000322905232 0.2500000254040438
0.25000003143359145 0.2500000333539924 0.2500000328251795 0.2500000259386995
0.2500000315290851 0.2500000334494856 0.25000003292067163 0.25000002603419363
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
