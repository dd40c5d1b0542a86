set terminal pngcairo noenhanced size 1120,840 font 'Helvetica,11' linewidth 1.5
set output 'plots/expansion.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$p0s0 << EOD
0.8 0.0
10.0 0.0
EOD
$p0s1 << EOD
0.9523809523809523 0.052821660345602726
1.9047619047619047 -0.018869738276108272
3.8095238095238093 -0.05818079860541614
7.619047619047619 -0.05410007252280794
EOD
$p0s2 << EOD
0.9523809523809523 -0.026114508756271526
0.9523809523809523 0.017688154651771093
0.9523809523809523 0.1668913351413086
1.9047619047619047 -0.0341157226488189
1.9047619047619047 -0.07064218002368339
1.9047619047619047 0.048148687844177473
3.8095238095238093 -0.0698618064069314
3.8095238095238093 -0.027681202950086803
3.8095238095238093 -0.07699938645923021
7.619047619047619 -0.0516618329694114
7.619047619047619 -0.03866704173998636
7.619047619047619 -0.07197134285902607
EOD
$p0s3 << EOD
1.05 0.0363258399417985
2.1 -6.36867008689812e-05
4.2 -0.005863742329139961
8.4 -0.013277366908473809
EOD
$p0s4 << EOD
1.05 -0.02055053358320169
1.05 0.025104922778231398
1.05 0.10442313063036579
2.1 -0.017529569566963943
2.1 -0.026799957017358267
2.1 0.044138466481715266
4.2 -0.007636577257883914
4.2 -0.006307924574824764
4.2 -0.0036467251547112056
8.4 0.0017241252809245822
8.4 -0.026679636435179344
8.4 -0.014876589571166665
EOD
$p1s0 << EOD
0.8 0.17849766666666667
10.0 0.17849766666666667
EOD
$p1s1 << EOD
1.0 0.16851166666666664
2.0 0.201727
4.0 0.19745833333333337
8.0 0.290039
EOD
$p1s2 << EOD
1.0 0.139477
1.0 0.215201
1.0 0.150857
2.0 0.150445
2.0 0.17337
2.0 0.281366
4.0 0.175805
4.0 0.163741
4.0 0.252829
8.0 0.228244
8.0 0.24682
8.0 0.395053
EOD
$p1s3 << EOD
1.0 0.2129925
2.0 0.2514893333333333
4.0 0.2776524375
8.0 0.42838366666666666
EOD
$p1s4 << EOD
1.0 0.24055
1.0 0.183213
1.0 0.217249
1.0 0.168588
1.0 0.168987
1.0 0.164248
1.0 0.170437
1.0 0.174326
1.0 0.258651
1.0 0.262107
1.0 0.248644
1.0 0.239624
1.0 0.246998
1.0 0.264077
1.0 0.243464
1.0 0.156717
2.0 0.274265
2.0 0.260446
2.0 0.219757
4.0 0.271644
4.0 0.359847
4.0 0.298612
4.0 0.213303
4.0 0.225712
4.0 0.211009
4.0 0.209863
4.0 0.328457
4.0 0.35598
4.0 0.260589
4.0 0.300003
4.0 0.298131
4.0 0.301956
4.0 0.312294
4.0 0.28867
4.0 0.206369
8.0 0.482806
8.0 0.499896
8.0 0.302449
EOD
$p2s0 << EOD
0.8 170.90067291259766
10.0 170.90067291259766
EOD
$p2s1 << EOD
1.0 196.4578094482422
2.0 216.2806854248047
4.0 256.8177947998047
8.0 341.4574432373047
EOD
$p2s2 << EOD
1.0 187.6588020324707
2.0 199.14570999145508
4.0 225.24518203735352
8.0 295.19675064086914
EOD
$p3s0 << EOD
0.8 1.0
10.0 1.0
EOD
$p3s1 << EOD
1.0 4.361435174745402
2.0 13.579054277077903
4.0 69.0051694358837
8.0 169.61646044671483
EOD
$p3s2 << EOD
1.0 1.0
2.0 1.0000001348457859
4.0 1.0000001577533026
8.0 1.0000001843733852
EOD
set multiplot layout 2,2 title 'expansion rate n at C=128, L=4, 250 steps: means and 95% intervals over 3 seed(s) (paired by seed)' font ',13'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'final loss gap to residual (paired by seed): mean, 95% interval, dots: seeds'
set xlabel 'expansion rate n'
set ylabel 'loss gap (nats/byte)'
set logscale x
unset logscale y
set key below horizontal
set bmargin 5
set logscale x 2
set xrange [0.8:10.0]
set xtics (1, 2, 4, 8)
set yrange [-0.25886438020233815:0.3645077008935436]
set arrow from first 0.9523809523809523, first -0.19853804977370446 to first 0.9523809523809523, first 0.3041813704649099 heads size screen 0.006,90 lc rgb '#d62728' lw 1.5 front
set arrow from first 1.9047619047619047, first -0.17001778277163404 to first 1.9047619047619047, first 0.1322783062194175 heads size screen 0.006,90 lc rgb '#d62728' lw 1.5 front
set arrow from first 3.8095238095238093, first -0.12439158608620403 to first 3.8095238095238093, first 0.008029988875371749 heads size screen 0.006,90 lc rgb '#d62728' lw 1.5 front
set arrow from first 7.619047619047619, first -0.095797556249013 to first 7.619047619047619, first -0.012402588796602887 heads size screen 0.006,90 lc rgb '#d62728' lw 1.5 front
set arrow from first 1.05, first -0.12076588938768476 to first 1.05, first 0.19341756927128176 heads size screen 0.006,90 lc rgb '#1f77b4' lw 1.5 front
set arrow from first 2.1, first -0.09585152729274139 to first 2.1, first 0.09572415389100343 heads size screen 0.006,90 lc rgb '#1f77b4' lw 1.5 front
set arrow from first 4.2, first -0.010910702842910696 to first 4.2, first -0.0008167818153692261 heads size screen 0.006,90 lc rgb '#1f77b4' lw 1.5 front
set arrow from first 8.4, first -0.04872415410384955 to first 8.4, first 0.022169420286901935 heads size screen 0.006,90 lc rgb '#1f77b4' lw 1.5 front
plot $p0s0 using 1:2 with lines lc rgb '#4d4d4d' lw 1.5 dt 2 title 'residual', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p0s2 using 1:2 with points lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title '', \
     $p0s3 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc', \
     $p0s4 using 1:2 with points lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title ''
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'training step time (median per run; dots: seeds)'
set xlabel 'expansion rate n'
set ylabel 'seconds per step'
set logscale x
unset logscale y
set key below horizontal
set bmargin 5
set logscale x 2
set xrange [0.8:10.0]
set xtics (1, 2, 4, 8)
plot $p1s0 using 1:2 with lines lc rgb '#4d4d4d' lw 1.5 dt 2 title 'residual', \
     $p1s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p1s2 using 1:2 with points lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title '', \
     $p1s3 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc', \
     $p1s4 using 1:2 with points lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title ''
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'training memory: parameters, gradients, AdamW, activations'
set xlabel 'expansion rate n'
set ylabel 'MiB'
set logscale x
unset logscale y
set key below horizontal
set bmargin 5
set logscale x 2
set xrange [0.8:10.0]
set xtics (1, 2, 4, 8)
plot $p2s0 using 1:2 with lines lc rgb '#4d4d4d' lw 1.5 dt 2 title 'residual', \
     $p2s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p2s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
reset
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
set title 'largest composite backward Amax gain (last evaluation)'
set xlabel 'expansion rate n'
set ylabel 'gain'
set logscale x
set logscale y
set key below horizontal
set bmargin 5
set logscale x 2
set xrange [0.8:10.0]
set xtics (1, 2, 4, 8)
plot $p3s0 using 1:2 with lines lc rgb '#4d4d4d' lw 1.5 dt 2 title 'residual', \
     $p3s1 using 1:2 with linespoints lc rgb '#d62728' lw 2.0 dt 1 pt 7 ps 0.8 title 'hc', \
     $p3s2 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.0 dt 1 pt 7 ps 0.8 title 'mhc'
unset multiplot
unset output
