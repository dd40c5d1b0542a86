set terminal pngcairo noenhanced size 1500,560 font 'Helvetica,11' linewidth 1.5
set output 'plots/vision-hres.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$hm0_0 << EOD
1.1154843272679313 0.1068050855959585 0.10096007892541226 0.10500244462769953
0.16970884467698444 1.1668124272469051 0.14103477431950634 0.16645735371216408
0.13351310294819996 0.10991286566393088 1.1187169243372521 0.11054871062099535
0.044704774710318855 0.0420372207665089 0.04227040255559865 1.0358888348279407
EOD
$hm0_1 << EOD
1.1345905444527766 0.1332089960639251 0.12355869997777424 0.12222470100422637
0.018154313522171256 1.0157061153642681 0.022594426420775044 0.01054037058164962
0.08094848849459038 0.07805842253241727 1.079589443053214 0.07245482015185895
0.0055164390014768435 -0.0031764893864029936 0.0066859345364978905 0.9983481502407515
EOD
$hm0_2 << EOD
1.050779352553797 0.041934661274984936 0.026544764662002288 0.07918297799365899
0.04744824043852847 1.0399711098217843 0.022916209789697432 0.0769491304687405
0.04927488989956981 0.0397279854476029 1.062017967278252 0.041429459830693786
0.07332904070641902 0.04782740348190953 0.04690523642324367 1.077692159185452
EOD
$hm0_3 << EOD
1.034120456543656 0.01907656730149103 0.026011137577778735 0.06489062039490447
0.03411969714394143 1.019075947433558 0.026011137577778735 0.06489062039490447
0.03411969714394143 0.01907656730149103 1.0260112062666793 0.06489062039490447
0.03411969714394143 0.01907656730149103 0.026011137577778735 1.0648912684991956
EOD
$hm0_4 << EOD
2.1376026364206475 0.950174902721571 0.9132936699129901 1.0116365711580793
1.0853574239388866 1.9759591086536326 0.9505013330870297 1.0612097427350033
1.480767653366534 1.2970346014869285 2.314118962839918 1.3301059059692686
0.6252222741297572 0.46759971927436433 0.5142949414980487 1.5850631248405844
EOD
$hm1_0 << EOD
0.25046308791473965 0.24697755664415963 0.23950478160867886 0.26305458574954954
0.24238230023956003 0.2446738051735245 0.26549468260752607 0.24744922423863555
0.25687576495158504 0.2502298894081721 0.24259178159634906 0.2503025795378228
0.25027885820184437 0.2581187570538866 0.2524087701553517 0.23919362488098214
EOD
$hm1_1 << EOD
0.2635811163796758 0.2496624912268349 0.2465412772251103 0.24021512923800215
0.25013788206246207 0.25395817705905255 0.24710576307997867 0.2487981928350898
0.2370092451752981 0.250153590963051 0.2543440390549296 0.25849313990269995
0.24927177221979946 0.24622575437165417 0.2520089354461097 0.25249355246683547
EOD
$hm1_2 << EOD
0.2518616079837464 0.24944998978219013 0.2471314467280647 0.2515569691551013
0.25640396788545256 0.24931459205358156 0.24574449888135932 0.24853695677450802
0.24511215978834247 0.25059098771735266 0.2549948191450795 0.24930204737608377
0.24662227689393093 0.2506444464551703 0.2521292507691233 0.25060404033153033
EOD
$hm1_3 << EOD
0.2500654838632374 0.25004580149626626 0.24988956487148392 0.24999916524274693
0.249999080219173 0.24990441187341905 0.25001750814690427 0.2500790145024847
0.25005943252353413 0.2499949706609038 0.2500619950575982 0.24988361798721004
0.24987601761573128 0.25005483147878277 0.25003094772086004 0.25003821781494334
EOD
$hm1_4 << EOD
0.2500000284676902 0.2500000277082935 0.2500000296113721 0.25000002922367565
0.25000002828383 0.25000002752443334 0.2500000294275117 0.250000029039815
0.25000002865633014 0.25000002789693315 0.25000002980001174 0.25000002941231525
0.2500000282566968 0.25000002749729944 0.25000002940037847 0.25000002901268237
EOD
set multiplot layout 2,5 title 'ViT C64 L4 lr 3e-3, 430 steps: token-averaged H_res after training (row i: output stream, column j: input)' font ',12'
reset
set title 'hc s0 · sublayer 1' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.46 1.43 1.40 1.42' font ',8'
set ylabel 'row sums 1.43 1.64 1.47 1.16' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.12' at 0,0 center front font ',8'
set label '0.11' at 1,0 center front font ',8'
set label '0.10' at 2,0 center front font ',8'
set label '0.11' at 3,0 center front font ',8'
set label '0.17' at 0,1 center front font ',8'
set label '1.17' at 1,1 center front font ',8'
set label '0.14' at 2,1 center front font ',8'
set label '0.17' at 3,1 center front font ',8'
set label '0.13' at 0,2 center front font ',8'
set label '0.11' at 1,2 center front font ',8'
set label '1.12' at 2,2 center front font ',8'
set label '0.11' at 3,2 center front font ',8'
set label '0.04' at 0,3 center front font ',8'
set label '0.04' at 1,3 center front font ',8'
set label '0.04' at 2,3 center front font ',8'
set label '1.04' at 3,3 center front font ',8'
plot $hm0_0 matrix with image
reset
set title 'hc s0 · sublayer 3' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.24 1.22 1.23 1.20' font ',8'
set ylabel 'row sums 1.51 1.07 1.31 1.01' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.13' at 0,0 center front font ',8'
set label '0.13' at 1,0 center front font ',8'
set label '0.12' at 2,0 center front font ',8'
set label '0.12' at 3,0 center front font ',8'
set label '0.02' at 0,1 center front font ',8'
set label '1.02' at 1,1 center front font ',8'
set label '0.02' at 2,1 center front font ',8'
set label '0.01' at 3,1 center front font ',8'
set label '0.08' at 0,2 center front font ',8'
set label '0.08' at 1,2 center front font ',8'
set label '1.08' at 2,2 center front font ',8'
set label '0.07' at 3,2 center front font ',8'
set label '0.01' at 0,3 center front font ',8'
set label '-0.00' at 1,3 center front font ',8'
set label '0.01' at 2,3 center front font ',8'
set label '1.00' at 3,3 center front font ',8'
plot $hm0_1 matrix with image
reset
set title 'hc s0 · sublayer 6' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.22 1.17 1.16 1.28' font ',8'
set ylabel 'row sums 1.20 1.19 1.19 1.25' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.05' at 0,0 center front font ',8'
set label '0.04' at 1,0 center front font ',8'
set label '0.03' at 2,0 center front font ',8'
set label '0.08' at 3,0 center front font ',8'
set label '0.05' at 0,1 center front font ',8'
set label '1.04' at 1,1 center front font ',8'
set label '0.02' at 2,1 center front font ',8'
set label '0.08' at 3,1 center front font ',8'
set label '0.05' at 0,2 center front font ',8'
set label '0.04' at 1,2 center front font ',8'
set label '1.06' at 2,2 center front font ',8'
set label '0.04' at 3,2 center front font ',8'
set label '0.07' at 0,3 center front font ',8'
set label '0.05' at 1,3 center front font ',8'
set label '0.05' at 2,3 center front font ',8'
set label '1.08' at 3,3 center front font ',8'
plot $hm0_2 matrix with image
reset
set title 'hc s0 · sublayer 8' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.14 1.08 1.10 1.26' font ',8'
set ylabel 'row sums 1.14 1.14 1.14 1.14' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.03' at 0,0 center front font ',8'
set label '0.02' at 1,0 center front font ',8'
set label '0.03' at 2,0 center front font ',8'
set label '0.06' at 3,0 center front font ',8'
set label '0.03' at 0,1 center front font ',8'
set label '1.02' at 1,1 center front font ',8'
set label '0.03' at 2,1 center front font ',8'
set label '0.06' at 3,1 center front font ',8'
set label '0.03' at 0,2 center front font ',8'
set label '0.02' at 1,2 center front font ',8'
set label '1.03' at 2,2 center front font ',8'
set label '0.06' at 3,2 center front font ',8'
set label '0.03' at 0,3 center front font ',8'
set label '0.02' at 1,3 center front font ',8'
set label '0.03' at 2,3 center front font ',8'
set label '1.06' at 3,3 center front font ',8'
plot $hm0_3 matrix with image
reset
set title 'hc s0 · composite of all 8' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 5.33 4.69 4.69 4.99' font ',8'
set ylabel 'row sums 5.01 5.07 6.42 3.19' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '2.14' at 0,0 center front font ',8'
set label '0.95' at 1,0 center front font ',8'
set label '0.91' at 2,0 center front font ',8'
set label '1.01' at 3,0 center front font ',8'
set label '1.09' at 0,1 center front font ',8'
set label '1.98' at 1,1 center front font ',8'
set label '0.95' at 2,1 center front font ',8'
set label '1.06' at 3,1 center front font ',8'
set label '1.48' at 0,2 center front font ',8'
set label '1.30' at 1,2 center front font ',8'
set label '2.31' at 2,2 center front font ',8'
set label '1.33' at 3,2 center front font ',8'
set label '0.63' at 0,3 center front font ',8'
set label '0.47' at 1,3 center front font ',8'
set label '0.51' at 2,3 center front font ',8'
set label '1.59' at 3,3 center front font ',8'
plot $hm0_4 matrix with image
reset
set title 'mhc s0 · sublayer 1' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.25' at 0,0 center front font ',8'
set label '0.25' at 1,0 center front font ',8'
set label '0.24' at 2,0 center front font ',8'
set label '0.26' at 3,0 center front font ',8'
set label '0.24' at 0,1 center front font ',8'
set label '0.24' at 1,1 center front font ',8'
set label '0.27' at 2,1 center front font ',8'
set label '0.25' at 3,1 center front font ',8'
set label '0.26' at 0,2 center front font ',8'
set label '0.25' at 1,2 center front font ',8'
set label '0.24' at 2,2 center front font ',8'
set label '0.25' at 3,2 center front font ',8'
set label '0.25' at 0,3 center front font ',8'
set label '0.26' at 1,3 center front font ',8'
set label '0.25' at 2,3 center front font ',8'
set label '0.24' at 3,3 center front font ',8'
plot $hm1_0 matrix with image
reset
set title 'mhc s0 · sublayer 3' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.26' at 0,0 center front font ',8'
set label '0.25' at 1,0 center front font ',8'
set label '0.25' at 2,0 center front font ',8'
set label '0.24' at 3,0 center front font ',8'
set label '0.25' at 0,1 center front font ',8'
set label '0.25' at 1,1 center front font ',8'
set label '0.25' at 2,1 center front font ',8'
set label '0.25' at 3,1 center front font ',8'
set label '0.24' at 0,2 center front font ',8'
set label '0.25' at 1,2 center front font ',8'
set label '0.25' at 2,2 center front font ',8'
set label '0.26' at 3,2 center front font ',8'
set label '0.25' at 0,3 center front font ',8'
set label '0.25' at 1,3 center front font ',8'
set label '0.25' at 2,3 center front font ',8'
set label '0.25' at 3,3 center front font ',8'
plot $hm1_1 matrix with image
reset
set title 'mhc s0 · sublayer 6' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.25' at 0,0 center front font ',8'
set label '0.25' at 1,0 center front font ',8'
set label '0.25' at 2,0 center front font ',8'
set label '0.25' at 3,0 center front font ',8'
set label '0.26' at 0,1 center front font ',8'
set label '0.25' at 1,1 center front font ',8'
set label '0.25' at 2,1 center front font ',8'
set label '0.25' at 3,1 center front font ',8'
set label '0.25' at 0,2 center front font ',8'
set label '0.25' at 1,2 center front font ',8'
set label '0.25' at 2,2 center front font ',8'
set label '0.25' at 3,2 center front font ',8'
set label '0.25' at 0,3 center front font ',8'
set label '0.25' at 1,3 center front font ',8'
set label '0.25' at 2,3 center front font ',8'
set label '0.25' at 3,3 center front font ',8'
plot $hm1_2 matrix with image
reset
set title 'mhc s0 · sublayer 8' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.25' at 0,0 center front font ',8'
set label '0.25' at 1,0 center front font ',8'
set label '0.25' at 2,0 center front font ',8'
set label '0.25' at 3,0 center front font ',8'
set label '0.25' at 0,1 center front font ',8'
set label '0.25' at 1,1 center front font ',8'
set label '0.25' at 2,1 center front font ',8'
set label '0.25' at 3,1 center front font ',8'
set label '0.25' at 0,2 center front font ',8'
set label '0.25' at 1,2 center front font ',8'
set label '0.25' at 2,2 center front font ',8'
set label '0.25' at 3,2 center front font ',8'
set label '0.25' at 0,3 center front font ',8'
set label '0.25' at 1,3 center front font ',8'
set label '0.25' at 2,3 center front font ',8'
set label '0.25' at 3,3 center front font ',8'
plot $hm1_3 matrix with image
reset
set title 'mhc s0 · composite of all 8' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.25' at 0,0 center front font ',8'
set label '0.25' at 1,0 center front font ',8'
set label '0.25' at 2,0 center front font ',8'
set label '0.25' at 3,0 center front font ',8'
set label '0.25' at 0,1 center front font ',8'
set label '0.25' at 1,1 center front font ',8'
set label '0.25' at 2,1 center front font ',8'
set label '0.25' at 3,1 center front font ',8'
set label '0.25' at 0,2 center front font ',8'
set label '0.25' at 1,2 center front font ',8'
set label '0.25' at 2,2 center front font ',8'
set label '0.25' at 3,2 center front font ',8'
set label '0.25' at 0,3 center front font ',8'
set label '0.25' at 1,3 center front font ',8'
set label '0.25' at 2,3 center front font ',8'
set label '0.25' at 3,3 center front font ',8'
plot $hm1_4 matrix with image
unset multiplot
unset output
