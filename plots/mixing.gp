set terminal pngcairo noenhanced size 2000,684 font 'Helvetica,11' linewidth 1.5
set output 'plots/mixing.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$phase0 << EOD
0.0 0.0 -14.0
1.0 0.0 -3.0570497133044983
2.0 0.0 -3.1213499943881304
3.0 0.0 -3.162006473942248
4.0 0.0 -2.514905881209846
5.0 0.0 -2.5906656193136506
6.0 0.0 -2.955194371335117
0.0 1.0 -6.156996620719383
1.0 1.0 -6.156996620719214
2.0 1.0 -6.156996620719299
3.0 1.0 -6.156996620719216
4.0 1.0 -14.0
5.0 1.0 -4.044588856284537
6.0 1.0 1.966345765947394
0.0 2.0 -6.0966322206208226
1.0 2.0 -6.0966322206198456
2.0 2.0 -6.096632220620295
3.0 2.0 -6.096632220619258
4.0 2.0 -14.0
5.0 2.0 -3.762142261701655
6.0 2.0 1.9663212553417844
0.0 3.0 -6.126459892997266
1.0 3.0 -6.126459892997266
2.0 3.0 -6.126459892997266
3.0 3.0 -6.126459892997266
4.0 3.0 -10.000000000072284
5.0 3.0 -3.8936498272244897
6.0 3.0 1.966345983012724
0.0 4.0 -3.943829681584252
1.0 4.0 -3.943829681584252
2.0 4.0 -3.943829681584252
3.0 4.0 -3.9438296815842513
4.0 4.0 -3.6453028080129997
5.0 4.0 -3.5819268446959995
6.0 4.0 1.7128438760945122
0.0 5.0 -5.526383666715739
1.0 5.0 1.6983330997010717
2.0 5.0 -5.526383666715739
3.0 5.0 1.8749600613147563
4.0 5.0 -14.0
5.0 5.0 1.3344807369812939
6.0 5.0 2.120615072591613
0.0 6.0 -13.51551846995149
1.0 6.0 -14.0
2.0 6.0 -13.515518468599296
3.0 6.0 -14.0
4.0 6.0 -14.0
5.0 6.0 -0.5636654219598127
6.0 6.0 1.9811257490689331
0.0 7.0 -6.250593494807433
1.0 7.0 -6.250593494807433
2.0 7.0 1.6983911522293926
3.0 7.0 1.7962491849162234
4.0 7.0 -14.0
5.0 7.0 1.0762785116842672
6.0 7.0 2.036528312831698
0.0 8.0 -14.0
1.0 8.0 1.9960702533448582
2.0 8.0 -0.07364409917498849
3.0 8.0 2.00735845285393
4.0 8.0 2.478324174016984
5.0 8.0 1.9485914448348676
6.0 8.0 -3.05462957447671
EOD
$phase1 << EOD
0.0 0.0 -14.0
1.0 0.0 -3.1067662766973214
2.0 0.0 -2.9518120166823314
3.0 0.0 -2.9889538000800124
4.0 0.0 -2.3229000217161166
5.0 0.0 -2.6279785883241784
6.0 0.0 -3.038720190223419
0.0 1.0 -6.1585051658075685
1.0 1.0 -6.158315318626082
2.0 1.0 -6.159136890624472
3.0 1.0 -6.15995142151286
4.0 1.0 -3.437580847851817
5.0 1.0 -3.480213517017911
6.0 1.0 1.9663728556107454
0.0 2.0 -6.096873626972169
1.0 2.0 -6.099844536109547
2.0 2.0 -6.096780289519726
3.0 2.0 -6.09635750029784
4.0 2.0 -4.028971867453831
5.0 2.0 -3.7246099133195374
6.0 2.0 1.9663873378942913
0.0 3.0 -6.127915444634873
1.0 3.0 -6.127733741569392
2.0 3.0 -6.1285224359160555
3.0 3.0 -6.129311775212075
4.0 3.0 -3.587918803118076
5.0 3.0 -3.554894387348579
6.0 3.0 1.966373383289655
0.0 4.0 -3.7704743639090283
1.0 4.0 -3.5255933347553716
2.0 4.0 -3.3008295465132855
3.0 4.0 -3.6552938466120155
4.0 4.0 -3.637291825726926
5.0 4.0 -3.565568387456673
6.0 4.0 1.712944646775772
0.0 5.0 -5.526269415356857
1.0 5.0 1.6983783939806292
2.0 5.0 -5.526215008194261
3.0 5.0 1.874599194292918
4.0 5.0 -3.6620842818727866
5.0 5.0 1.3344787508212996
6.0 5.0 2.1206475881788784
0.0 6.0 -13.523275545248664
1.0 6.0 -14.0
2.0 6.0 -13.519006118957249
3.0 6.0 -14.0
4.0 6.0 -2.5970218203809496
5.0 6.0 -0.5592024778405564
6.0 6.0 1.9811534707192904
0.0 7.0 -6.252985977872113
1.0 7.0 -6.252368150516135
2.0 7.0 1.6987130608813672
3.0 7.0 1.796454872610012
4.0 7.0 -3.488673151069989
5.0 7.0 1.0764217524877666
6.0 7.0 2.036536467495543
0.0 8.0 -2.337650214246648
1.0 8.0 1.9801839711542641
2.0 8.0 1.3497565882479459
3.0 8.0 1.9810891475774013
4.0 8.0 2.478726801696904
5.0 8.0 1.9487616564058505
6.0 8.0 -3.500018748468868
EOD
set multiplot layout 1,2 title 'learning a fixed mixing y = M*x with H_res alone (n = 4, 600 AdamW steps, mean of 3 seeds)' font ',12'
reset
set title 'static mappings: log10 relative error (white = 1%)' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'target M*'; set ylabel 'connection'
set xtics ('identity' 0, 'cyclic shift' 1, 'pair swap' 2, 'permutation' 3, 'J/n' 4, 'doubly stochastic' 5, 'rotation' 6)
set ytics ('hc (unconstrained)' 0, 'sinkhorn' 1, 'birkhoff' 2, 'deepseek-v4' 3, 'none' 4, 'kronecker' 5, 'orthostochastic' 6, 'circulant' 7, 'cayley' 8)
set xrange [-0.5:6.5]; set yrange [8.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-6.0:6.0]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '1e-16.0' at 0,0 center front font ',9' offset 0,0.5
set label '10 st' at 0,0 center front font ',9' offset 0,-0.5
set label '1e-5.1' at 1,0 center front font ',9' offset 0,0.5
set label '50 st' at 1,0 center front font ',9' offset 0,-0.5
set label '1e-5.1' at 2,0 center front font ',9' offset 0,0.5
set label '50 st' at 2,0 center front font ',9' offset 0,-0.5
set label '1e-5.2' at 3,0 center front font ',9' offset 0,0.5
set label '50 st' at 3,0 center front font ',9' offset 0,-0.5
set label '1e-4.5' at 4,0 center front font ',9' offset 0,0.5
set label '40 st' at 4,0 center front font ',9' offset 0,-0.5
set label '1e-4.6' at 5,0 center front font ',9' offset 0,0.5
set label '40 st' at 5,0 center front font ',9' offset 0,-0.5
set label '1e-5.0' at 6,0 center front font ',9' offset 0,0.5
set label '60 st' at 6,0 center front font ',9' offset 0,-0.5
set label '1e-8.2' at 0,1 center front font ',9' offset 0,0.5
set label '50 st' at 0,1 center front font ',9' offset 0,-0.5
set label '1e-8.2' at 1,1 center front font ',9' offset 0,0.5
set label '50 st' at 1,1 center front font ',9' offset 0,-0.5
set label '1e-8.2' at 2,1 center front font ',9' offset 0,0.5
set label '50 st' at 2,1 center front font ',9' offset 0,-0.5
set label '1e-8.2' at 3,1 center front font ',9' offset 0,0.5
set label '50 st' at 3,1 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 4,1 center front font ',9' offset 0,0.5
set label '10 st' at 4,1 center front font ',9' offset 0,-0.5
set label '1e-6.0' at 5,1 center front font ',9' offset 0,0.5
set label '30 st' at 5,1 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 6,1 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,1 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 0,2 center front font ',9' offset 0,0.5
set label '80 st' at 0,2 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 1,2 center front font ',9' offset 0,0.5
set label '80 st' at 1,2 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 2,2 center front font ',9' offset 0,0.5
set label '80 st' at 2,2 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 3,2 center front font ',9' offset 0,0.5
set label '80 st' at 3,2 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 4,2 center front font ',9' offset 0,0.5
set label '10 st' at 4,2 center front font ',9' offset 0,-0.5
set label '1e-5.8' at 5,2 center front font ',9' offset 0,0.5
set label '40 st' at 5,2 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 6,2 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,2 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 0,3 center front font ',9' offset 0,0.5
set label '50 st' at 0,3 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 1,3 center front font ',9' offset 0,0.5
set label '50 st' at 1,3 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 2,3 center front font ',9' offset 0,0.5
set label '50 st' at 2,3 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 3,3 center front font ',9' offset 0,0.5
set label '50 st' at 3,3 center front font ',9' offset 0,-0.5
set label '1e-12.0' at 4,3 center front font ',9' offset 0,0.5
set label '10 st' at 4,3 center front font ',9' offset 0,-0.5
set label '1e-5.9' at 5,3 center front font ',9' offset 0,0.5
set label '30 st' at 5,3 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 6,3 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,3 center front font ',9' offset 0,-0.5
set label '1e-5.9' at 0,4 center front font ',9' offset 0,0.5
set label '150 st' at 0,4 center front font ',9' offset 0,-0.5
set label '1e-5.9' at 1,4 center front font ',9' offset 0,0.5
set label '150 st' at 1,4 center front font ',9' offset 0,-0.5
set label '1e-5.9' at 2,4 center front font ',9' offset 0,0.5
set label '150 st' at 2,4 center front font ',9' offset 0,-0.5
set label '1e-5.9' at 3,4 center front font ',9' offset 0,0.5
set label '150 st' at 3,4 center front font ',9' offset 0,-0.5
set label '1e-5.6' at 4,4 center front font ',9' offset 0,0.5
set label '46 st' at 4,4 center front font ',9' offset 0,-0.5
set label '1e-5.6' at 5,4 center front font ',9' offset 0,0.5
set label '120 st' at 5,4 center front font ',9' offset 0,-0.5
set label '1e-0.3' at 6,4 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,4 center front font ',9' offset 0,-0.5
set label '1e-7.5' at 0,5 center front font ',9' offset 0,0.5
set label '100 st' at 0,5 center front font ',9' offset 0,-0.5
set label '1e-0.3' at 1,5 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 1,5 center front font ',9' offset 0,-0.5
set label '1e-7.5' at 2,5 center front font ',9' offset 0,0.5
set label '100 st' at 2,5 center front font ',9' offset 0,-0.5
set label '1e-0.1' at 3,5 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 3,5 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 4,5 center front font ',9' offset 0,0.5
set label '10 st' at 4,5 center front font ',9' offset 0,-0.5
set label '1e-0.7' at 5,5 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 5,5 center front font ',9' offset 0,-0.5
set label '1e0.1' at 6,5 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,5 center front font ',9' offset 0,-0.5
set label '1e-15.5' at 0,6 center front font ',9' offset 0,0.5
set label '30 st' at 0,6 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 1,6 center front font ',9' offset 0,0.5
set label '10 st' at 1,6 center front font ',9' offset 0,-0.5
set label '1e-15.5' at 2,6 center front font ',9' offset 0,0.5
set label '30 st' at 2,6 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 3,6 center front font ',9' offset 0,0.5
set label '10 st' at 3,6 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 4,6 center front font ',9' offset 0,0.5
set label '10 st' at 4,6 center front font ',9' offset 0,-0.5
set label '1e-2.6' at 5,6 center front font ',9' offset 0,0.5
set label '36 st' at 5,6 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 6,6 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,6 center front font ',9' offset 0,-0.5
set label '1e-8.3' at 0,7 center front font ',9' offset 0,0.5
set label '50 st' at 0,7 center front font ',9' offset 0,-0.5
set label '1e-8.3' at 1,7 center front font ',9' offset 0,0.5
set label '50 st' at 1,7 center front font ',9' offset 0,-0.5
set label '1e-0.3' at 2,7 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 2,7 center front font ',9' offset 0,-0.5
set label '1e-0.2' at 3,7 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 3,7 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 4,7 center front font ',9' offset 0,0.5
set label '10 st' at 4,7 center front font ',9' offset 0,-0.5
set label '1e-0.9' at 5,7 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 5,7 center front font ',9' offset 0,-0.5
set label '1e0.0' at 6,7 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,7 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 0,8 center front font ',9' offset 0,0.5
set label '10 st' at 0,8 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 1,8 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 1,8 center front font ',9' offset 0,-0.5
set label '1e-2.1' at 2,8 center front font ',9' offset 0,0.5
set label '490 st' at 2,8 center front font ',9' offset 0,-0.5
set label '1e0.0' at 3,8 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 3,8 center front font ',9' offset 0,-0.5
set label '1e0.5' at 4,8 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 4,8 center front font ',9' offset 0,-0.5
set label '1e-0.1' at 5,8 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 5,8 center front font ',9' offset 0,-0.5
set label '1e-5.1' at 6,8 center front font ',9' offset 0,0.5
set label '40 st' at 6,8 center front font ',9' offset 0,-0.5
set style fill solid 1.0 noborder
plot $phase0 using 1:2:(0.5):(0.5):3 with boxxyerror lc palette
reset
set title 'dynamic mappings: log10 relative error (white = 1%)' font ',11'
unset key; set tics out nomirror; set border 3 lw 1 lc rgb '#333333'
set xlabel 'target M*'; set ylabel 'connection'
set xtics ('identity' 0, 'cyclic shift' 1, 'pair swap' 2, 'permutation' 3, 'J/n' 4, 'doubly stochastic' 5, 'rotation' 6)
set ytics ('hc (unconstrained)' 0, 'sinkhorn' 1, 'birkhoff' 2, 'deepseek-v4' 3, 'none' 4, 'kronecker' 5, 'orthostochastic' 6, 'circulant' 7, 'cayley' 8)
set xrange [-0.5:6.5]; set yrange [8.5:-0.5]
set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b'); set cbrange [-6.0:6.0]
set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb '#cccccc' fs solid noborder
set label '1e-16.0' at 0,0 center front font ',9' offset 0,0.5
set label '10 st' at 0,0 center front font ',9' offset 0,-0.5
set label '1e-5.1' at 1,0 center front font ',9' offset 0,0.5
set label '50 st' at 1,0 center front font ',9' offset 0,-0.5
set label '1e-5.0' at 2,0 center front font ',9' offset 0,0.5
set label '50 st' at 2,0 center front font ',9' offset 0,-0.5
set label '1e-5.0' at 3,0 center front font ',9' offset 0,0.5
set label '50 st' at 3,0 center front font ',9' offset 0,-0.5
set label '1e-4.3' at 4,0 center front font ',9' offset 0,0.5
set label '40 st' at 4,0 center front font ',9' offset 0,-0.5
set label '1e-4.6' at 5,0 center front font ',9' offset 0,0.5
set label '40 st' at 5,0 center front font ',9' offset 0,-0.5
set label '1e-5.0' at 6,0 center front font ',9' offset 0,0.5
set label '60 st' at 6,0 center front font ',9' offset 0,-0.5
set label '1e-8.2' at 0,1 center front font ',9' offset 0,0.5
set label '50 st' at 0,1 center front font ',9' offset 0,-0.5
set label '1e-8.2' at 1,1 center front font ',9' offset 0,0.5
set label '50 st' at 1,1 center front font ',9' offset 0,-0.5
set label '1e-8.2' at 2,1 center front font ',9' offset 0,0.5
set label '50 st' at 2,1 center front font ',9' offset 0,-0.5
set label '1e-8.2' at 3,1 center front font ',9' offset 0,0.5
set label '50 st' at 3,1 center front font ',9' offset 0,-0.5
set label '1e-5.4' at 4,1 center front font ',9' offset 0,0.5
set label '10 st' at 4,1 center front font ',9' offset 0,-0.5
set label '1e-5.5' at 5,1 center front font ',9' offset 0,0.5
set label '30 st' at 5,1 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 6,1 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,1 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 0,2 center front font ',9' offset 0,0.5
set label '80 st' at 0,2 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 1,2 center front font ',9' offset 0,0.5
set label '80 st' at 1,2 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 2,2 center front font ',9' offset 0,0.5
set label '80 st' at 2,2 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 3,2 center front font ',9' offset 0,0.5
set label '80 st' at 3,2 center front font ',9' offset 0,-0.5
set label '1e-6.0' at 4,2 center front font ',9' offset 0,0.5
set label '10 st' at 4,2 center front font ',9' offset 0,-0.5
set label '1e-5.7' at 5,2 center front font ',9' offset 0,0.5
set label '40 st' at 5,2 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 6,2 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,2 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 0,3 center front font ',9' offset 0,0.5
set label '50 st' at 0,3 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 1,3 center front font ',9' offset 0,0.5
set label '50 st' at 1,3 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 2,3 center front font ',9' offset 0,0.5
set label '50 st' at 2,3 center front font ',9' offset 0,-0.5
set label '1e-8.1' at 3,3 center front font ',9' offset 0,0.5
set label '50 st' at 3,3 center front font ',9' offset 0,-0.5
set label '1e-5.6' at 4,3 center front font ',9' offset 0,0.5
set label '10 st' at 4,3 center front font ',9' offset 0,-0.5
set label '1e-5.6' at 5,3 center front font ',9' offset 0,0.5
set label '30 st' at 5,3 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 6,3 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,3 center front font ',9' offset 0,-0.5
set label '1e-5.8' at 0,4 center front font ',9' offset 0,0.5
set label '150 st' at 0,4 center front font ',9' offset 0,-0.5
set label '1e-5.5' at 1,4 center front font ',9' offset 0,0.5
set label '150 st' at 1,4 center front font ',9' offset 0,-0.5
set label '1e-5.3' at 2,4 center front font ',9' offset 0,0.5
set label '150 st' at 2,4 center front font ',9' offset 0,-0.5
set label '1e-5.7' at 3,4 center front font ',9' offset 0,0.5
set label '150 st' at 3,4 center front font ',9' offset 0,-0.5
set label '1e-5.6' at 4,4 center front font ',9' offset 0,0.5
set label '46 st' at 4,4 center front font ',9' offset 0,-0.5
set label '1e-5.6' at 5,4 center front font ',9' offset 0,0.5
set label '120 st' at 5,4 center front font ',9' offset 0,-0.5
set label '1e-0.3' at 6,4 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,4 center front font ',9' offset 0,-0.5
set label '1e-7.5' at 0,5 center front font ',9' offset 0,0.5
set label '100 st' at 0,5 center front font ',9' offset 0,-0.5
set label '1e-0.3' at 1,5 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 1,5 center front font ',9' offset 0,-0.5
set label '1e-7.5' at 2,5 center front font ',9' offset 0,0.5
set label '100 st' at 2,5 center front font ',9' offset 0,-0.5
set label '1e-0.1' at 3,5 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 3,5 center front font ',9' offset 0,-0.5
set label '1e-5.7' at 4,5 center front font ',9' offset 0,0.5
set label '10 st' at 4,5 center front font ',9' offset 0,-0.5
set label '1e-0.7' at 5,5 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 5,5 center front font ',9' offset 0,-0.5
set label '1e0.1' at 6,5 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,5 center front font ',9' offset 0,-0.5
set label '1e-15.5' at 0,6 center front font ',9' offset 0,0.5
set label '30 st' at 0,6 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 1,6 center front font ',9' offset 0,0.5
set label '13 st' at 1,6 center front font ',9' offset 0,-0.5
set label '1e-15.5' at 2,6 center front font ',9' offset 0,0.5
set label '30 st' at 2,6 center front font ',9' offset 0,-0.5
set label '1e-16.0' at 3,6 center front font ',9' offset 0,0.5
set label '10 st' at 3,6 center front font ',9' offset 0,-0.5
set label '1e-4.6' at 4,6 center front font ',9' offset 0,0.5
set label '13 st' at 4,6 center front font ',9' offset 0,-0.5
set label '1e-2.6' at 5,6 center front font ',9' offset 0,0.5
set label '36 st' at 5,6 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 6,6 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,6 center front font ',9' offset 0,-0.5
set label '1e-8.3' at 0,7 center front font ',9' offset 0,0.5
set label '50 st' at 0,7 center front font ',9' offset 0,-0.5
set label '1e-8.3' at 1,7 center front font ',9' offset 0,0.5
set label '50 st' at 1,7 center front font ',9' offset 0,-0.5
set label '1e-0.3' at 2,7 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 2,7 center front font ',9' offset 0,-0.5
set label '1e-0.2' at 3,7 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 3,7 center front font ',9' offset 0,-0.5
set label '1e-5.5' at 4,7 center front font ',9' offset 0,0.5
set label '10 st' at 4,7 center front font ',9' offset 0,-0.5
set label '1e-0.9' at 5,7 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 5,7 center front font ',9' offset 0,-0.5
set label '1e0.0' at 6,7 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 6,7 center front font ',9' offset 0,-0.5
set label '1e-4.3' at 0,8 center front font ',9' offset 0,0.5
set label '13 st' at 0,8 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 1,8 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 1,8 center front font ',9' offset 0,-0.5
set label '1e-0.7' at 2,8 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 2,8 center front font ',9' offset 0,-0.5
set label '1e-0.0' at 3,8 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 3,8 center front font ',9' offset 0,-0.5
set label '1e0.5' at 4,8 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 4,8 center front font ',9' offset 0,-0.5
set label '1e-0.1' at 5,8 center front font ',9' offset 0,0.5
set label '0/3 <1%' at 5,8 center front font ',9' offset 0,-0.5
set label '1e-5.5' at 6,8 center front font ',9' offset 0,0.5
set label '40 st' at 6,8 center front font ',9' offset 0,-0.5
set style fill solid 1.0 noborder
plot $phase1 using 1:2:(0.5):(0.5):3 with boxxyerror lc palette
unset multiplot
unset output
