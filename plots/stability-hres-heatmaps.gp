set terminal pngcairo noenhanced size 2340,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-hres-heatmaps.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$hm0_0 << EOD
1.5318992982502095 0.5378558144293493 0.5685893764020875 0.5616178564087022
0.5129524671356194 1.5128502261359245 0.49170931469416246 0.5119325579726137
0.6017079645534977 0.6080258674628567 1.5126651547616348 0.5967616243869998
0.5961123060551472 0.5874153891345486 0.5791951324499678 1.5905252331285737
EOD
$hm0_1 << EOD
1.3422977867885493 0.3729360632605676 0.40072137147944886 0.3671561854243919
0.43639000938856043 1.5131141025922261 0.4998439662522287 0.4869757395135821
0.27955164198101556 0.3351149688096484 1.4281661880086176 0.33232547491570585
0.4416998587184935 0.4768564727928606 0.4731072366266744 1.4740904382779263
EOD
$hm0_2 << EOD
1.148451479850337 0.16119555875229707 0.14032828229028382 0.15841035904850287
0.08644530880519596 1.1200114432140253 0.06844872740111896 0.10617202158027794
0.13547131923951383 0.1528499904761702 1.1341090222122148 0.1466241704820277
0.06405615771654993 0.09044605785493331 0.042907124812245456 1.0856576107617002
EOD
$hm0_3 << EOD
1.0908667088951916 0.08055624537064432 0.07389578271158825 0.07996732917945337
0.11038709557396942 1.1452764080604538 0.09502787785368128 0.13167627901748347
0.06733014273231674 0.08107009851119074 1.0862766743812244 0.07214625495726068
0.07939504235855566 0.10280982999393018 0.06410188792415283 1.0910820459248498
EOD
$hm0_4 << EOD
1.0603231762070209 0.08162197122692305 0.0575818197225999 0.0712443556785729
-0.021954338300020027 1.018779410253046 -0.02914620633919185 0.008298122501855687
0.05562629726864543 0.07186621056371223 1.0745669185416773 0.06656987114183721
0.03895113259795835 0.0704372701147804 0.031670038713969006 1.060552915732842
EOD
$hm0_5 << EOD
1.05231099401135 0.08012119202885515 0.04872757665179961 0.06464626849901833
0.053134462633352086 1.0809192901360802 0.04946667179910946 0.06576371248320356
0.019102505977514284 0.04350350537833947 1.0412267002975568 0.04055423962063287
0.05069800564706384 0.09021078580917674 0.03981412217945035 1.074202586314641
EOD
$hm0_6 << EOD
1.0165738695650361 0.05177976290860897 0.006000973930440523 0.036347041100498245
0.01893572007941202 1.054192658222746 0.008621566383226309 0.03891328036388586
0.015445243997646685 0.05073528551702111 1.0047175362706184 0.03503222755580282
-0.0026265799510838406 0.04425763917697623 -0.019803949293418555 1.0291977356828284
EOD
$hm0_7 << EOD
1.1330651647003833 0.22321703331908793 0.10339102617831486 0.1773674016349105
0.13306566455412394 1.223217009624932 0.10339102617831486 0.1773674016349105
0.13306566781375295 0.22321703636771417 1.1033905144722667 0.1773674039668549
0.13306566781375295 0.22321703636771417 0.10339102913997067 1.1773673142306507
EOD
$hm0_8 << EOD
12.166407933347465 11.801924157778052 11.12329671990655 11.65422701030575
10.356489260569862 12.081045538443117 10.227020793493079 10.868599118818745
10.385103563212592 11.047444111319221 11.39571304454699 10.868204550970987
10.333667296151395 11.004517605251388 10.154378391886215 11.823982143431824
EOD
$hm1_0 << EOD
0.24723021454701666 0.26414765472873114 0.22809252907609334 0.2605296171968803
0.24232449325791094 0.25855840538133634 0.27327044639969245 0.22584667393675772
0.23178219433611957 0.2308603924830095 0.27225232060300186 0.26510510811931454
0.2786631164199207 0.2464335644763196 0.22638470426318236 0.248518626744044
EOD
$hm1_1 << EOD
0.264238915318856 0.23606281194952317 0.2257784577595885 0.2739198282142752
0.24367689964856254 0.26624343106959714 0.2587931540765567 0.23128653216554085
0.24639183524413966 0.2576084002794232 0.2603178229255718 0.23568195736879716
0.2456923646532232 0.24008537266490748 0.2551105799866491 0.259111695435422
EOD
$hm1_2 << EOD
0.18676291654446686 0.06166362522833424 0.20162595154033625 0.5499475192118553
0.10993478165391934 0.21588039768539602 0.49026247071742546 0.1839223633032816
0.06976036690991805 0.6858323561864381 0.16060532337905897 0.08380196764210268
0.6331274660115014 0.03681683516828116 0.14764276223650086 0.1824129442627509
EOD
$hm1_3 << EOD
0.22827212358242832 0.28482948797318386 0.26233115670038387 0.22456724664880312
0.32950053000240587 0.22283145338587929 0.2769557081410312 0.17071232249872992
0.2242587246801122 0.1868797912284208 0.19599076281519956 0.39287073639570735
0.2179686363597284 0.30545928104402265 0.2647223862877581 0.21184971156981192
EOD
$hm1_4 << EOD
0.21837517110543558 0.19558609904925106 0.38457193849171745 0.2014668073534267
0.3034549539879663 0.25735984310449567 0.1489174273738172 0.29026778913248563
0.19293310392822605 0.28764537813549396 0.30877501307986677 0.2106465208926238
0.28523678658530116 0.2594086951648933 0.15773563515176647 0.29761889614746906
EOD
$hm1_5 << EOD
0.00983929499115277 0.6146852419988136 0.07511007617858922 0.3003653867635876
0.00896435379816296 0.27280464339855826 0.08464969440410641 0.6335813126206631
0.38948720578628127 0.050517876456751765 0.5307861196924932 0.029208805859497033
0.5938944806439395 0.059979463381750975 0.3114031326986151 0.03472292833748725
EOD
$hm1_6 << EOD
0.06850251126957119 0.06299872200816026 0.36639783021382755 0.5021009571682953
0.3160080445522908 0.33395280635158997 0.17336498909207876 0.17667417174743605
0.29068212767742807 0.24987674278963823 0.28942513507354306 0.1700160082837101
0.32480733567354036 0.35317174651572714 0.1708120564253477 0.15120887104785652
EOD
$hm1_7 << EOD
0.2493333074817201 0.2506282433460001 0.2500734396162443 0.2499650232202839
0.2505544276791625 0.2495444086016505 0.25007624184218 0.24982493803690886
0.2502250611432828 0.24997449763759505 0.24988461968314368 0.24991583678638563
0.2498872188371024 0.24985286473383894 0.24996571704105008 0.25029421578074107
EOD
$hm1_8 << EOD
0.24999995262457 0.24999989445081447 0.2500002084871224 0.2500000479233282
0.2500000063682458 0.2499999208860551 0.2500001025384037 0.25000007620315584
0.24999997117825667 0.24999989794308447 0.2500001752110959 0.2500000607496893
0.24999997267629295 0.24999990392039687 0.2500001718266042 0.25000005779892776
EOD
set multiplot layout 2,9 title 'token-averaged H_res of every sublayer and their composite at the end of training (row i: output stream i; column j: input stream j)' font ',12'
reset
set title 'HC sublayer 1' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 3.24 3.25 3.15 3.26' font ',8'
set ylabel 'row sums 3.20 3.03 3.32 3.35' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.53' at 0,0 center front font ',8'
set label '0.54' at 1,0 center front font ',8'
set label '0.57' at 2,0 center front font ',8'
set label '0.56' at 3,0 center front font ',8'
set label '0.51' at 0,1 center front font ',8'
set label '1.51' at 1,1 center front font ',8'
set label '0.49' at 2,1 center front font ',8'
set label '0.51' at 3,1 center front font ',8'
set label '0.60' at 0,2 center front font ',8'
set label '0.61' at 1,2 center front font ',8'
set label '1.51' at 2,2 center front font ',8'
set label '0.60' at 3,2 center front font ',8'
set label '0.60' at 0,3 center front font ',8'
set label '0.59' at 1,3 center front font ',8'
set label '0.58' at 2,3 center front font ',8'
set label '1.59' at 3,3 center front font ',8'
plot $hm0_0 matrix with image
reset
set title 'HC sublayer 2' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 2.50 2.70 2.80 2.66' font ',8'
set ylabel 'row sums 2.48 2.94 2.38 2.87' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.34' at 0,0 center front font ',8'
set label '0.37' at 1,0 center front font ',8'
set label '0.40' at 2,0 center front font ',8'
set label '0.37' at 3,0 center front font ',8'
set label '0.44' at 0,1 center front font ',8'
set label '1.51' at 1,1 center front font ',8'
set label '0.50' at 2,1 center front font ',8'
set label '0.49' at 3,1 center front font ',8'
set label '0.28' at 0,2 center front font ',8'
set label '0.34' at 1,2 center front font ',8'
set label '1.43' at 2,2 center front font ',8'
set label '0.33' at 3,2 center front font ',8'
set label '0.44' at 0,3 center front font ',8'
set label '0.48' at 1,3 center front font ',8'
set label '0.47' at 2,3 center front font ',8'
set label '1.47' at 3,3 center front font ',8'
plot $hm0_1 matrix with image
reset
set title 'HC sublayer 3' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.43 1.52 1.39 1.50' font ',8'
set ylabel 'row sums 1.61 1.38 1.57 1.28' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.15' at 0,0 center front font ',8'
set label '0.16' at 1,0 center front font ',8'
set label '0.14' at 2,0 center front font ',8'
set label '0.16' at 3,0 center front font ',8'
set label '0.09' at 0,1 center front font ',8'
set label '1.12' at 1,1 center front font ',8'
set label '0.07' at 2,1 center front font ',8'
set label '0.11' at 3,1 center front font ',8'
set label '0.14' at 0,2 center front font ',8'
set label '0.15' at 1,2 center front font ',8'
set label '1.13' at 2,2 center front font ',8'
set label '0.15' at 3,2 center front font ',8'
set label '0.06' at 0,3 center front font ',8'
set label '0.09' at 1,3 center front font ',8'
set label '0.04' at 2,3 center front font ',8'
set label '1.09' at 3,3 center front font ',8'
plot $hm0_2 matrix with image
reset
set title 'HC sublayer 4' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.35 1.41 1.32 1.37' font ',8'
set ylabel 'row sums 1.33 1.48 1.31 1.34' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.09' at 0,0 center front font ',8'
set label '0.08' at 1,0 center front font ',8'
set label '0.07' at 2,0 center front font ',8'
set label '0.08' at 3,0 center front font ',8'
set label '0.11' at 0,1 center front font ',8'
set label '1.15' at 1,1 center front font ',8'
set label '0.10' at 2,1 center front font ',8'
set label '0.13' at 3,1 center front font ',8'
set label '0.07' at 0,2 center front font ',8'
set label '0.08' at 1,2 center front font ',8'
set label '1.09' at 2,2 center front font ',8'
set label '0.07' at 3,2 center front font ',8'
set label '0.08' at 0,3 center front font ',8'
set label '0.10' at 1,3 center front font ',8'
set label '0.06' at 2,3 center front font ',8'
set label '1.09' at 3,3 center front font ',8'
plot $hm0_3 matrix with image
reset
set title 'HC sublayer 5' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.13 1.24 1.13 1.21' font ',8'
set ylabel 'row sums 1.27 0.98 1.27 1.20' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.06' at 0,0 center front font ',8'
set label '0.08' at 1,0 center front font ',8'
set label '0.06' at 2,0 center front font ',8'
set label '0.07' at 3,0 center front font ',8'
set label '-0.02' at 0,1 center front font ',8'
set label '1.02' at 1,1 center front font ',8'
set label '-0.03' at 2,1 center front font ',8'
set label '0.01' at 3,1 center front font ',8'
set label '0.06' at 0,2 center front font ',8'
set label '0.07' at 1,2 center front font ',8'
set label '1.07' at 2,2 center front font ',8'
set label '0.07' at 3,2 center front font ',8'
set label '0.04' at 0,3 center front font ',8'
set label '0.07' at 1,3 center front font ',8'
set label '0.03' at 2,3 center front font ',8'
set label '1.06' at 3,3 center front font ',8'
plot $hm0_4 matrix with image
reset
set title 'HC sublayer 6' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.18 1.29 1.18 1.25' font ',8'
set ylabel 'row sums 1.25 1.25 1.14 1.25' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.05' at 0,0 center front font ',8'
set label '0.08' at 1,0 center front font ',8'
set label '0.05' at 2,0 center front font ',8'
set label '0.06' at 3,0 center front font ',8'
set label '0.05' at 0,1 center front font ',8'
set label '1.08' at 1,1 center front font ',8'
set label '0.05' at 2,1 center front font ',8'
set label '0.07' at 3,1 center front font ',8'
set label '0.02' at 0,2 center front font ',8'
set label '0.04' at 1,2 center front font ',8'
set label '1.04' at 2,2 center front font ',8'
set label '0.04' at 3,2 center front font ',8'
set label '0.05' at 0,3 center front font ',8'
set label '0.09' at 1,3 center front font ',8'
set label '0.04' at 2,3 center front font ',8'
set label '1.07' at 3,3 center front font ',8'
plot $hm0_5 matrix with image
reset
set title 'HC sublayer 7' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.05 1.20 1.00 1.14' font ',8'
set ylabel 'row sums 1.11 1.12 1.11 1.05' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.02' at 0,0 center front font ',8'
set label '0.05' at 1,0 center front font ',8'
set label '0.01' at 2,0 center front font ',8'
set label '0.04' at 3,0 center front font ',8'
set label '0.02' at 0,1 center front font ',8'
set label '1.05' at 1,1 center front font ',8'
set label '0.01' at 2,1 center front font ',8'
set label '0.04' at 3,1 center front font ',8'
set label '0.02' at 0,2 center front font ',8'
set label '0.05' at 1,2 center front font ',8'
set label '1.00' at 2,2 center front font ',8'
set label '0.04' at 3,2 center front font ',8'
set label '-0.00' at 0,3 center front font ',8'
set label '0.04' at 1,3 center front font ',8'
set label '-0.02' at 2,3 center front font ',8'
set label '1.03' at 3,3 center front font ',8'
plot $hm0_6 matrix with image
reset
set title 'HC sublayer 8' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.53 1.89 1.41 1.71' font ',8'
set ylabel 'row sums 1.64 1.64 1.64 1.64' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '1.13' at 0,0 center front font ',8'
set label '0.22' at 1,0 center front font ',8'
set label '0.10' at 2,0 center front font ',8'
set label '0.18' at 3,0 center front font ',8'
set label '0.13' at 0,1 center front font ',8'
set label '1.22' at 1,1 center front font ',8'
set label '0.10' at 2,1 center front font ',8'
set label '0.18' at 3,1 center front font ',8'
set label '0.13' at 0,2 center front font ',8'
set label '0.22' at 1,2 center front font ',8'
set label '1.10' at 2,2 center front font ',8'
set label '0.18' at 3,2 center front font ',8'
set label '0.13' at 0,3 center front font ',8'
set label '0.22' at 1,3 center front font ',8'
set label '0.10' at 2,3 center front font ',8'
set label '1.18' at 3,3 center front font ',8'
plot $hm0_7 matrix with image
reset
set title 'HC composite' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 43.24 45.93 42.90 45.22' font ',8'
set ylabel 'row sums 46.75 43.53 43.70 43.32' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '12.17' at 0,0 center front font ',8'
set label '11.80' at 1,0 center front font ',8'
set label '11.12' at 2,0 center front font ',8'
set label '11.65' at 3,0 center front font ',8'
set label '10.36' at 0,1 center front font ',8'
set label '12.08' at 1,1 center front font ',8'
set label '10.23' at 2,1 center front font ',8'
set label '10.87' at 3,1 center front font ',8'
set label '10.39' at 0,2 center front font ',8'
set label '11.05' at 1,2 center front font ',8'
set label '11.40' at 2,2 center front font ',8'
set label '10.87' at 3,2 center front font ',8'
set label '10.33' at 0,3 center front font ',8'
set label '11.00' at 1,3 center front font ',8'
set label '10.15' at 2,3 center front font ',8'
set label '11.82' at 3,3 center front font ',8'
plot $hm0_8 matrix with image
reset
set title 'MHC sublayer 1' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.25' at 0,0 center front font ',8'
set label '0.26' at 1,0 center front font ',8'
set label '0.23' at 2,0 center front font ',8'
set label '0.26' at 3,0 center front font ',8'
set label '0.24' at 0,1 center front font ',8'
set label '0.26' at 1,1 center front font ',8'
set label '0.27' at 2,1 center front font ',8'
set label '0.23' at 3,1 center front font ',8'
set label '0.23' at 0,2 center front font ',8'
set label '0.23' at 1,2 center front font ',8'
set label '0.27' at 2,2 center front font ',8'
set label '0.27' at 3,2 center front font ',8'
set label '0.28' at 0,3 center front font ',8'
set label '0.25' at 1,3 center front font ',8'
set label '0.23' at 2,3 center front font ',8'
set label '0.25' at 3,3 center front font ',8'
plot $hm1_0 matrix with image
reset
set title 'MHC sublayer 2' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.26' at 0,0 center front font ',8'
set label '0.24' at 1,0 center front font ',8'
set label '0.23' at 2,0 center front font ',8'
set label '0.27' at 3,0 center front font ',8'
set label '0.24' at 0,1 center front font ',8'
set label '0.27' at 1,1 center front font ',8'
set label '0.26' at 2,1 center front font ',8'
set label '0.23' at 3,1 center front font ',8'
set label '0.25' at 0,2 center front font ',8'
set label '0.26' at 1,2 center front font ',8'
set label '0.26' at 2,2 center front font ',8'
set label '0.24' at 3,2 center front font ',8'
set label '0.25' at 0,3 center front font ',8'
set label '0.24' at 1,3 center front font ',8'
set label '0.26' at 2,3 center front font ',8'
set label '0.26' at 3,3 center front font ',8'
plot $hm1_1 matrix with image
reset
set title 'MHC sublayer 3' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.19' at 0,0 center front font ',8'
set label '0.06' at 1,0 center front font ',8'
set label '0.20' at 2,0 center front font ',8'
set label '0.55' at 3,0 center front font ',8'
set label '0.11' at 0,1 center front font ',8'
set label '0.22' at 1,1 center front font ',8'
set label '0.49' at 2,1 center front font ',8'
set label '0.18' at 3,1 center front font ',8'
set label '0.07' at 0,2 center front font ',8'
set label '0.69' at 1,2 center front font ',8'
set label '0.16' at 2,2 center front font ',8'
set label '0.08' at 3,2 center front font ',8'
set label '0.63' at 0,3 center front font ',8'
set label '0.04' at 1,3 center front font ',8'
set label '0.15' at 2,3 center front font ',8'
set label '0.18' at 3,3 center front font ',8'
plot $hm1_2 matrix with image
reset
set title 'MHC sublayer 4' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.23' at 0,0 center front font ',8'
set label '0.28' at 1,0 center front font ',8'
set label '0.26' at 2,0 center front font ',8'
set label '0.22' at 3,0 center front font ',8'
set label '0.33' at 0,1 center front font ',8'
set label '0.22' at 1,1 center front font ',8'
set label '0.28' at 2,1 center front font ',8'
set label '0.17' at 3,1 center front font ',8'
set label '0.22' at 0,2 center front font ',8'
set label '0.19' at 1,2 center front font ',8'
set label '0.20' at 2,2 center front font ',8'
set label '0.39' at 3,2 center front font ',8'
set label '0.22' at 0,3 center front font ',8'
set label '0.31' at 1,3 center front font ',8'
set label '0.26' at 2,3 center front font ',8'
set label '0.21' at 3,3 center front font ',8'
plot $hm1_3 matrix with image
reset
set title 'MHC sublayer 5' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.22' at 0,0 center front font ',8'
set label '0.20' at 1,0 center front font ',8'
set label '0.38' at 2,0 center front font ',8'
set label '0.20' at 3,0 center front font ',8'
set label '0.30' at 0,1 center front font ',8'
set label '0.26' at 1,1 center front font ',8'
set label '0.15' at 2,1 center front font ',8'
set label '0.29' at 3,1 center front font ',8'
set label '0.19' at 0,2 center front font ',8'
set label '0.29' at 1,2 center front font ',8'
set label '0.31' at 2,2 center front font ',8'
set label '0.21' at 3,2 center front font ',8'
set label '0.29' at 0,3 center front font ',8'
set label '0.26' at 1,3 center front font ',8'
set label '0.16' at 2,3 center front font ',8'
set label '0.30' at 3,3 center front font ',8'
plot $hm1_4 matrix with image
reset
set title 'MHC sublayer 6' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.01' at 0,0 center front font ',8'
set label '0.61' at 1,0 center front font ',8'
set label '0.08' at 2,0 center front font ',8'
set label '0.30' at 3,0 center front font ',8'
set label '0.01' at 0,1 center front font ',8'
set label '0.27' at 1,1 center front font ',8'
set label '0.08' at 2,1 center front font ',8'
set label '0.63' at 3,1 center front font ',8'
set label '0.39' at 0,2 center front font ',8'
set label '0.05' at 1,2 center front font ',8'
set label '0.53' at 2,2 center front font ',8'
set label '0.03' at 3,2 center front font ',8'
set label '0.59' at 0,3 center front font ',8'
set label '0.06' at 1,3 center front font ',8'
set label '0.31' at 2,3 center front font ',8'
set label '0.03' at 3,3 center front font ',8'
plot $hm1_5 matrix with image
reset
set title 'MHC sublayer 7' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.07' at 0,0 center front font ',8'
set label '0.06' at 1,0 center front font ',8'
set label '0.37' at 2,0 center front font ',8'
set label '0.50' at 3,0 center front font ',8'
set label '0.32' at 0,1 center front font ',8'
set label '0.33' at 1,1 center front font ',8'
set label '0.17' at 2,1 center front font ',8'
set label '0.18' at 3,1 center front font ',8'
set label '0.29' at 0,2 center front font ',8'
set label '0.25' at 1,2 center front font ',8'
set label '0.29' at 2,2 center front font ',8'
set label '0.17' at 3,2 center front font ',8'
set label '0.32' at 0,3 center front font ',8'
set label '0.35' at 1,3 center front font ',8'
set label '0.17' at 2,3 center front font ',8'
set label '0.15' at 3,3 center front font ',8'
plot $hm1_6 matrix with image
reset
set title 'MHC sublayer 8' font ',10'
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
plot $hm1_7 matrix with image
reset
set title 'MHC composite' font ',10'
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
plot $hm1_8 matrix with image
unset multiplot
unset output
