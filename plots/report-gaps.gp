set terminal pngcairo noenhanced size 1200,978 font 'Helvetica,11' linewidth 1.5
set output 'plots/report-gaps.png'
set encoding utf8
set border 3 lw 1 lc rgb '#333333'
set tics nomirror out
set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
set key top right nobox noopaque samplen 2 spacing 1.1
set style data lines
$gaps << EOD
-0.015680710765713333 26.0 -0.035648310922677055 0.004286889391250388
-0.04491490627552427 25.0 -0.06489203936276318 -0.02493777318828536
0.02614262103785303 24.0 0.0152037296909766 0.03708151238472946
-0.032129542280637025 23.0 -0.09657726337977869 0.03231817881850464
-0.01562868790443811 22.0 -0.11374606264807118 0.08248868683919496
-0.16492432565137316 21.0 -0.21619756403058815 -0.11365108727215817
0.018671833064359378 20.0 -0.13390753310825462 0.17125119923697338
-0.1129079203221327 19.0 -0.1941322346361547 -0.031683606008110723
-0.04460881369226677 18.0 -0.12444185168323117 0.035224224298697634
-0.07093499953038745 17.0 -0.16398597144887261 0.022115972388097704
0.27207597302937886 16.0 0.006812369116689143 0.5373395769420686
-0.017855247598376645 15.0 -0.1763632369687882 0.1406527417720349
-0.03788741461435596 14.0 -0.2731077337802167 0.19733290455150473
-0.23187849698851914 13.0 -0.5239675426283467 0.06021054865130837
0.4622557449391518 12.0 -0.3048341439874147 1.2293456338657183
-0.016878815878920095 11.0 -0.09297631130714341 0.059218679549303224
-0.027926498128211907 10.0 -0.10600272422727629 0.05014972797085247
-0.13804470164972305 9.0 -0.20647784846420608 -0.06961155483524
-0.12249127602897814 8.0 -0.2947649310855651 0.04978237902760882
-0.0009228574129807043 7.0 -0.0024893979011485607 0.000643683075187152
-0.005635490008597088 6.0 -0.02439552947627374 0.013124549459079562
-0.0487931621616442 5.0 -0.06187043905612662 -0.03571588526716178
-0.013015908769740273 4.0 -0.11889882941043356 0.092867011870953
-0.06296344641557922 3.0 -0.10506700555591256 -0.02085988727524587
-0.08617306025331128 2.0 -0.16880765930419966 -0.0035384612024229045
-0.03198523518380029 1.0 -0.0525901984591059 -0.01138027190849468
-0.03040920070148771 0.0 -0.055409713824087665 -0.0054086875788877525
EOD
set title 'paired final-loss gaps, mean and 95% interval over seeds (a line crossing 0: not resolved)'
set xlabel 'loss gap (nats/byte); negative: the first variant is better'
set ytics ('instability reference: mHC − residual (n=20)' 26, 'instability reference: HC − residual (n=12)' 25, 'instability reference: mHC − HC (n=12)' 24, 'instability 8 layers, lr 0.01: mHC − residual (n=8)' 23, 'instability 8 layers, lr 0.01: HC − residual (n=8)' 22, 'instability 8 layers, lr 0.03: mHC − residual (n=8)' 21, 'instability 8 layers, lr 0.03: HC − residual (n=8)' 20, 'instability 16 layers, lr 0.01: mHC − residual (n=8)' 19, 'instability 16 layers, lr 0.01: HC − residual (n=8)' 18, 'instability 16 layers, lr 0.03: mHC − residual (n=8)' 17, 'instability 16 layers, lr 0.03: HC − residual (n=8)' 16, 'instability 32 layers, lr 0.01: mHC − residual (n=4)' 15, 'instability 32 layers, lr 0.01: HC − residual (n=4)' 14, 'instability 32 layers, lr 0.03: mHC − residual (n=4)' 13, 'instability 32 layers, lr 0.03: HC − residual (n=4)' 12, 'instability 4 layers, lr 0.01: mHC − residual (n=8)' 11, 'instability 4 layers, lr 0.01: HC − residual (n=8)' 10, 'instability 4 layers, lr 0.03: mHC − residual (n=8)' 9, 'instability 4 layers, lr 0.03: HC − residual (n=8)' 8, 'sinkhorn: t_max 5 − t_max 20 (n=4)' 7, 'sinkhorn: t_max 1 − t_max 20 (n=4)' 6, 'components: HC res+pre+post − residual (n=16)' 5, 'components: mHC − residual (n=3)' 4, 'expansion: mHC n 4 − n 1 (n=16)' 3, 'scaling C64 L2: mHC − residual (n=3)' 2, 'scaling C96 L3: mHC − residual (n=3)' 1, 'scaling C128 L4: mHC − residual (n=3)' 0) font ',9'
set yrange [-1:27]
set grid xtics
set lmargin 48
set arrow from first 0, graph 0 to first 0, graph 1 nohead lc rgb '#888888' dt 2
plot $gaps using 1:2:3:4 with xerrorbars pt 7 ps 1.2 lc rgb '#1f77b4' notitle
unset output
