set terminal pngcairo noenhanced size 2340,620 font 'Helvetica,11' linewidth 1.5
set output 'plots/stability-hres-heatmaps.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$hm0_0 << EOD
1.531809635926038 0.5378422828653129 0.5685113941144664 0.5615516151010524
0.512864206393715 1.512834424560424 0.49162628926569596 0.5118213604728226
0.6015430465049576 0.6079194909834769 1.5124814719893038 0.5966369324014522
0.5959795897942968 0.5872951181372628 0.5790715924231336 1.590410865319427
EOD
$hm0_1 << EOD
1.3419099324382842 0.3726267681668105 0.40034437480790075 0.36671240548821515
0.4362891660639434 1.513071495166514 0.4997356733874767 0.4868078728832188
0.27947464295721147 0.3350129047212249 1.4280804031295702 0.33217805140884593
0.4414544973114971 0.47671109384828014 0.4728854567511007 1.4738589124171995
EOD
$hm0_2 << EOD
1.1482577067799866 0.1609951463960897 0.1401479016567464 0.1581667851896782
0.08651599915901897 1.1200813539908268 0.06851595089756302 0.10625249377153523
0.13546878975830623 0.1528350104472338 1.1340928909485228 0.1466198594225716
0.06403573738134583 0.09040573942183983 0.042880962677372736 1.0856129159510601
EOD
$hm0_3 << EOD
1.0908713603857905 0.08060265291442192 0.0739243751813774 0.07997542595512641
0.11031121076848649 1.145149622403551 0.09493804916019144 0.13159396420087432
0.0674925878065551 0.08121858000868087 1.086456364399055 0.0722771077462312
0.07931522891612985 0.10271812936116476 0.06401415269738209 1.0910039070004132
EOD
$hm0_4 << EOD
1.0603888451878447 0.08173423251992062 0.05755819659043482 0.07125495607124321
-0.02185372681969966 1.0188785319915041 -0.029038180846328032 0.008405405570556468
0.05531279304841519 0.07156450734419195 1.074315229023341 0.06624493111394258
0.038924365731190846 0.07040308053092303 0.03160201994404588 1.0605214289971627
EOD
$hm0_5 << EOD
1.0525202948483638 0.08029930909742689 0.04890228304066113 0.06477829180494155
0.05325705724135332 1.0810241415165365 0.049565963843178906 0.06583101273827197
0.01908523733357015 0.04347487587301657 1.0412801933125593 0.040542264411215
0.05066926558720297 0.09014400187697902 0.03974485645085224 1.0741108430665918
EOD
$hm0_6 << EOD
1.0166886497754604 0.05185475440703158 0.006095153290971211 0.03641207694408877
0.019009699286527848 1.0542347161390353 0.008683004259864902 0.0389540609494361
0.01556339205524182 0.050817974532037624 1.0048140225408133 0.035103466382906845
-0.002612939962546079 0.04422716652061354 -0.01980579486644274 1.0291660548246
EOD
$hm0_7 << EOD
1.133051751414314 0.22318475545034744 0.10335754214929693 0.17734677493717754
0.13305269799639063 1.2231843459885567 0.10335754214929693 0.17734677493717754
0.13305269799639063 0.22318475545034744 1.103357564395992 0.17734677493717754
0.13305269799639063 0.22318475545034744 0.10335754214929693 1.1773470045591239
EOD
$hm0_8 << EOD
12.164821859344936 11.80157402503695 11.121726304277859 11.652383821644124
10.356260936976529 12.08182202390877 10.22682414594515 10.868210805072845
10.37945139556019 11.0425691652403 11.390200663252102 10.862246649546021
10.32519571376903 10.99664652909436 10.145903528409935 11.815149333147463
EOD
$hm1_0 << EOD
0.24761484818009194 0.2647106813528808 0.22750073157658335 0.26017375217634253
0.242962260832428 0.25821430097857956 0.27259651021449827 0.226226944141672
0.2316087805229472 0.23081721126072807 0.27258494682610035 0.26498906846973114
0.2778141152666649 0.246257804792549 0.22731782814662438 0.2486102580660372
EOD
$hm1_1 << EOD
0.26365536126104416 0.24685241272527492 0.2255763016801211 0.2639159367972752
0.24523297600535443 0.25817555763205746 0.26013188086653827 0.23645960156136425
0.24674412010062952 0.2554855958951521 0.25896686450141715 0.2388034355462878
0.24436755860369885 0.2394864480229444 0.25532496772211744 0.260821041330928
EOD
$hm1_2 << EOD
0.17726902504773534 0.06100778793734207 0.19864283018978313 0.5630803701133118
0.10461893148499257 0.2229204013819981 0.48883377423044294 0.1836269090345013
0.06426018945836631 0.6811748414838803 0.17156334815626906 0.08300163570675068
0.6532253384175419 0.035182306971911714 0.14117797725020864 0.17041438435376222
EOD
$hm1_3 << EOD
0.2045891163070337 0.28862032440520125 0.26680000183114316 0.2399905730089813
0.367941465061449 0.2093739794108842 0.2514569064442185 0.17122766433749348
0.22116739858029177 0.18716875713289483 0.1979159691982204 0.3937478877705871
0.20630203493783483 0.31483695351926144 0.2838271379150683 0.1950338914648455
EOD
$hm1_4 << EOD
0.22582282120129094 0.1980597483452584 0.3729928280226886 0.20312461839057505
0.3016882838855963 0.2621372982976027 0.14687501620937837 0.28929941561364103
0.18783557612914592 0.27530748437857255 0.3239234846259933 0.21293347050232114
0.2846533343399642 0.26449548442906234 0.15620868519908981 0.294642509012192
EOD
$hm1_5 << EOD
0.010268207435849774 0.6104548956645885 0.08048341243147661 0.2987934824413969
0.009489389764929967 0.25840642813273007 0.09959659579635627 0.632507586517022
0.3875915014577913 0.05773460688328669 0.5247122720647894 0.02996162736044994
0.5946021128438588 0.07163169119291979 0.29692106939910445 0.03684513501369224
EOD
$hm1_6 << EOD
0.07473095495402049 0.0687413389299536 0.32576757557399105 0.5307601535714639
0.31777260819944786 0.3306590248612338 0.18279913518199464 0.16876924364987644
0.27967230341164395 0.24843474735098425 0.31511469013639726 0.1567782736492518
0.3278241537118447 0.3521649083631928 0.1763186109965318 0.14369233713659924
EOD
$hm1_7 << EOD
0.24932996033749077 0.25061805916629964 0.2500862494271132 0.2499657445368939
0.25056198505626526 0.24953562513110228 0.25006929269147804 0.2498331136375782
0.2502230970421806 0.24997798337426502 0.2498730681181769 0.24992586537700845
0.24988497190497583 0.249868345556024 0.24997140721825417 0.25027529050566955
EOD
$hm1_8 << EOD
0.24999995036959244 0.24999983549851057 0.2500002489130773 0.25000006574054084
0.249999986362763 0.24999987043729283 0.25000017058732155 0.2500000761985353
0.2499999615940113 0.249999841727793 0.25000022550098583 0.25000007216059367
0.24999996450701822 0.2499998480345667 0.2500002204915254 0.2500000692160594
EOD
set multiplot layout 2,9 title 'token-averaged H_res of every sublayer and their composite at the end of training, seed 0 (row i: output stream i; column j: input stream j)' font ',12'
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
set ylabel 'row sums 2.48 2.94 2.37 2.86' font ',8'
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
set label '0.09' at 2,1 center front font ',8'
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
set xlabel 'col sums 43.23 45.92 42.88 45.20' font ',8'
set ylabel 'row sums 46.74 43.53 43.67 43.28' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '12.16' at 0,0 center front font ',8'
set label '11.80' at 1,0 center front font ',8'
set label '11.12' at 2,0 center front font ',8'
set label '11.65' at 3,0 center front font ',8'
set label '10.36' at 0,1 center front font ',8'
set label '12.08' at 1,1 center front font ',8'
set label '10.23' at 2,1 center front font ',8'
set label '10.87' at 3,1 center front font ',8'
set label '10.38' at 0,2 center front font ',8'
set label '11.04' at 1,2 center front font ',8'
set label '11.39' at 2,2 center front font ',8'
set label '10.86' at 3,2 center front font ',8'
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
set label '0.26' at 3,2 center front font ',8'
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
set label '0.25' at 1,0 center front font ',8'
set label '0.23' at 2,0 center front font ',8'
set label '0.26' at 3,0 center front font ',8'
set label '0.25' at 0,1 center front font ',8'
set label '0.26' at 1,1 center front font ',8'
set label '0.26' at 2,1 center front font ',8'
set label '0.24' at 3,1 center front font ',8'
set label '0.25' at 0,2 center front font ',8'
set label '0.26' at 1,2 center front font ',8'
set label '0.26' at 2,2 center front font ',8'
set label '0.24' at 3,2 center front font ',8'
set label '0.24' at 0,3 center front font ',8'
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
set label '0.18' at 0,0 center front font ',8'
set label '0.06' at 1,0 center front font ',8'
set label '0.20' at 2,0 center front font ',8'
set label '0.56' at 3,0 center front font ',8'
set label '0.10' at 0,1 center front font ',8'
set label '0.22' at 1,1 center front font ',8'
set label '0.49' at 2,1 center front font ',8'
set label '0.18' at 3,1 center front font ',8'
set label '0.06' at 0,2 center front font ',8'
set label '0.68' at 1,2 center front font ',8'
set label '0.17' at 2,2 center front font ',8'
set label '0.08' at 3,2 center front font ',8'
set label '0.65' at 0,3 center front font ',8'
set label '0.04' at 1,3 center front font ',8'
set label '0.14' at 2,3 center front font ',8'
set label '0.17' at 3,3 center front font ',8'
plot $hm1_2 matrix with image
reset
set title 'MHC sublayer 4' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.20' at 0,0 center front font ',8'
set label '0.29' at 1,0 center front font ',8'
set label '0.27' at 2,0 center front font ',8'
set label '0.24' at 3,0 center front font ',8'
set label '0.37' at 0,1 center front font ',8'
set label '0.21' at 1,1 center front font ',8'
set label '0.25' at 2,1 center front font ',8'
set label '0.17' at 3,1 center front font ',8'
set label '0.22' at 0,2 center front font ',8'
set label '0.19' at 1,2 center front font ',8'
set label '0.20' at 2,2 center front font ',8'
set label '0.39' at 3,2 center front font ',8'
set label '0.21' at 0,3 center front font ',8'
set label '0.31' at 1,3 center front font ',8'
set label '0.28' at 2,3 center front font ',8'
set label '0.20' at 3,3 center front font ',8'
plot $hm1_3 matrix with image
reset
set title 'MHC sublayer 5' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.23' at 0,0 center front font ',8'
set label '0.20' at 1,0 center front font ',8'
set label '0.37' at 2,0 center front font ',8'
set label '0.20' at 3,0 center front font ',8'
set label '0.30' at 0,1 center front font ',8'
set label '0.26' at 1,1 center front font ',8'
set label '0.15' at 2,1 center front font ',8'
set label '0.29' at 3,1 center front font ',8'
set label '0.19' at 0,2 center front font ',8'
set label '0.28' at 1,2 center front font ',8'
set label '0.32' at 2,2 center front font ',8'
set label '0.21' at 3,2 center front font ',8'
set label '0.28' at 0,3 center front font ',8'
set label '0.26' at 1,3 center front font ',8'
set label '0.16' at 2,3 center front font ',8'
set label '0.29' at 3,3 center front font ',8'
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
set label '0.26' at 1,1 center front font ',8'
set label '0.10' at 2,1 center front font ',8'
set label '0.63' at 3,1 center front font ',8'
set label '0.39' at 0,2 center front font ',8'
set label '0.06' at 1,2 center front font ',8'
set label '0.52' at 2,2 center front font ',8'
set label '0.03' at 3,2 center front font ',8'
set label '0.59' at 0,3 center front font ',8'
set label '0.07' at 1,3 center front font ',8'
set label '0.30' at 2,3 center front font ',8'
set label '0.04' at 3,3 center front font ',8'
plot $hm1_5 matrix with image
reset
set title 'MHC sublayer 7' font ',10'
unset key; unset colorbox; set tics out nomirror font ',8'; set xtics 0,1,3; set ytics 0,1,3
set xrange [-0.5:3.5]; set yrange [3.5:-0.5]
set xlabel 'col sums 1.00 1.00 1.00 1.00' font ',8'
set ylabel 'row sums 1.00 1.00 1.00 1.00' font ',8'
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-1.5:1.5]
set label '0.07' at 0,0 center front font ',8'
set label '0.07' at 1,0 center front font ',8'
set label '0.33' at 2,0 center front font ',8'
set label '0.53' at 3,0 center front font ',8'
set label '0.32' at 0,1 center front font ',8'
set label '0.33' at 1,1 center front font ',8'
set label '0.18' at 2,1 center front font ',8'
set label '0.17' at 3,1 center front font ',8'
set label '0.28' at 0,2 center front font ',8'
set label '0.25' at 1,2 center front font ',8'
set label '0.32' at 2,2 center front font ',8'
set label '0.16' at 3,2 center front font ',8'
set label '0.33' at 0,3 center front font ',8'
set label '0.35' at 1,3 center front font ',8'
set label '0.18' at 2,3 center front font ',8'
set label '0.14' at 3,3 center front font ',8'
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
