set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.40818 -0.3943 -0.2914 1 1.40818
0.6571 1.77836 0.6057 0.7086 1 1.77836
1.6571 1.43278 1.6057 1.7086 1 1.43278
2.6571 1.41635 2.6057 2.7086 1 1.41635
3.6571 1.45993 3.6057 3.7086 1 1.45993
4.6571 1.03308 4.6057 4.7086 1 1.03308
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.54372 -0.2800 -0.1771 1 3.54372
0.7714 2.12479 0.7200 0.8229 1 2.12479
1.7714 1.75091 1.7200 1.8229 1 1.75091
2.7714 4.69824 2.7200 2.8229 1 4.69824
3.7714 1.47902 3.7200 3.8229 1 1.47902
4.7714 1.91848 4.7200 4.8229 1 1.91848
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.875023 -0.1657 -0.0629 0.875023 1
0.8857 1.08725 0.8343 0.9371 1 1.08725
1.8857 0.804883 1.8343 1.9371 0.804883 1
2.8857 0.616546 2.8343 2.9371 0.616546 1
3.8857 0.79151 3.8343 3.9371 0.79151 1
4.8857 0.905311 4.8343 4.9371 0.905311 1
5.8857 0.915831 5.8343 5.9371 0.915831 1
EOD
$p0_std << EOD
0.0000 4.08852 -0.0514 0.0514 1 4.08852
1.0000 7.07814 0.9486 1.0514 1 7.07814
2.0000 1.30079 1.9486 2.0514 1 1.30079
3.0000 4.27327 2.9486 3.0514 1 4.27327
4.0000 4.67759 3.9486 4.0514 1 4.67759
5.0000 18.3909 4.9486 5.0514 1 18.3909
6.0000 0.913823 5.9486 6.0514 0.913823 1
EOD
$p0_glib << EOD
0.1143 1.3721 0.0629 0.1657 1 1.3721
2.1143 1.44675 2.0629 2.1657 1 1.44675
3.1143 1.93623 3.0629 3.1657 1 1.93623
4.1143 1.56898 4.0629 4.1657 1 1.56898
5.1143 2.33561 5.0629 5.1657 1 2.33561
6.1143 0.862175 6.0629 6.1657 0.862175 1
EOD
$p0_uthash << EOD
0.2286 7.23666 0.1771 0.2800 1 7.23666
2.2286 3.67718 2.1771 2.2800 1 3.67718
3.2286 10.2751 3.1771 3.2800 1 10.2751
4.2286 6.01611 4.1771 4.2800 1 6.01611
5.2286 0.676248 5.1771 5.2800 0.676248 1
6.2286 2.28028 6.1771 6.2800 1 2.28028
EOD
$p0_stb << EOD
0.3429 1.76833 0.2914 0.3943 1 1.76833
2.3429 3.90621 2.2914 2.3943 1 3.90621
3.3429 6.01418 3.2914 3.3943 1 6.01418
4.3429 4.6021 4.2914 4.3943 1 4.6021
5.3429 0.158213 5.2914 5.3943 0.158213 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.06837 -0.3943 -0.2914 1 1.06837
0.6571 1.36823 0.6057 0.7086 1 1.36823
1.6571 1.31551 1.6057 1.7086 1 1.31551
2.6571 1.12548 2.6057 2.7086 1 1.12548
3.6571 1.15713 3.6057 3.7086 1 1.15713
4.6571 1.02873 4.6057 4.7086 1 1.02873
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.55759 -0.2800 -0.1771 1 2.55759
0.7714 1.78822 0.7200 0.8229 1 1.78822
1.7714 1.69513 1.7200 1.8229 1 1.69513
2.7714 3.05561 2.7200 2.8229 1 3.05561
3.7714 1.76214 3.7200 3.8229 1 1.76214
4.7714 1.82624 4.7200 4.8229 1 1.82624
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 1.19046 -0.1657 -0.0629 1 1.19046
0.8857 1.64167 0.8343 0.9371 1 1.64167
1.8857 1.24904 1.8343 1.9371 1 1.24904
2.8857 1.18082 2.8343 2.9371 1 1.18082
3.8857 1.18089 3.8343 3.9371 1 1.18089
4.8857 0.880976 4.8343 4.9371 0.880976 1
5.8857 0.941176 5.8343 5.9371 0.941176 1
EOD
$p1_std << EOD
0.0000 2.20699 -0.0514 0.0514 1 2.20699
1.0000 5.70175 0.9486 1.0514 1 5.70175
2.0000 2.58363 1.9486 2.0514 1 2.58363
3.0000 6.58515 2.9486 3.0514 1 6.58515
4.0000 4.58982 3.9486 4.0514 1 4.58982
5.0000 21.0267 4.9486 5.0514 1 21.0267
6.0000 0.918971 5.9486 6.0514 0.918971 1
EOD
$p1_glib << EOD
0.1143 0.605518 0.0629 0.1657 0.605518 1
2.1143 1.7128 2.0629 2.1657 1 1.7128
3.1143 2.31642 3.0629 3.1657 1 2.31642
4.1143 1.64959 4.0629 4.1657 1 1.64959
5.1143 2.20696 5.0629 5.1657 1 2.20696
6.1143 0.570543 6.0629 6.1657 0.570543 1
EOD
$p1_uthash << EOD
0.2286 2.50811 0.1771 0.2800 1 2.50811
2.2286 2.96917 2.1771 2.2800 1 2.96917
3.2286 9.65243 3.1771 3.2800 1 9.65243
4.2286 4.48677 4.1771 4.2800 1 4.48677
5.2286 0.581865 5.1771 5.2800 0.581865 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.743425 0.2914 0.3943 0.743425 1
2.3429 2.81099 2.2914 2.3943 1 2.81099
3.3429 3.79711 3.2914 3.3943 1 3.79711
4.3429 4.32118 4.2914 4.3943 1 4.32118
5.3429 0.141729 5.2914 5.3943 0.141729 1
6.3429 0.684507 6.2914 6.3943 0.684507 1
EOD
$p2_gomap << EOD
-0.3500 273.657 -0.3950 -0.3050 100 273.657
EOD
$p2_gomap_generic << EOD
-0.2500 278.103 -0.2950 -0.2050 100 278.103
EOD
$p2_go << EOD
-0.1500 14169.4 -0.1950 -0.1050 100 14169.4
EOD
$p2_absl << EOD
-0.0500 24124.7 -0.0950 -0.0050 100 24124.7
EOD
$p2_std << EOD
0.0500 74768.3 0.0050 0.0950 100 74768.3
EOD
$p2_glib << EOD
0.1500 36541.8 0.1050 0.1950 100 36541.8
EOD
$p2_uthash << EOD
0.2500 73895.3 0.2050 0.2950 100 73895.3
EOD
$p2_stb << EOD
0.3500 21159.4 0.3050 0.3950 100 21159.4
EOD
$p3_gomap << EOD
-0.3500 1750.49 -0.3950 -0.3050 0 1750.49
0.6500 772.085 0.6050 0.6950 0 772.085
EOD
$p3_gomap_generic << EOD
-0.2500 2248.39 -0.2950 -0.2050 0 2248.39
0.7500 1229.89 0.7050 0.7950 0 1229.89
EOD
$p3_go << EOD
-0.1500 5845.65 -0.1950 -0.1050 0 5845.65
0.8500 2978.7 0.8050 0.8950 0 2978.7
EOD
$p3_absl << EOD
-0.0500 1891.05 -0.0950 -0.0050 0 1891.05
0.9500 838.926 0.9050 0.9950 0 838.926
EOD
$p3_std << EOD
0.0500 3765.96 0.0050 0.0950 0 3765.96
1.0500 3229.22 1.0050 1.0950 0 3229.22
EOD
$p3_glib << EOD
0.1500 2787.79 0.1050 0.1950 0 2787.79
EOD
$p3_uthash << EOD
0.2500 2778.09 0.2050 0.2950 0 2778.09
EOD
$p3_stb << EOD
0.3500 4638.74 0.3050 0.3950 0 4638.74
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-05T10:09:48Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
set style fill solid 0.9 border lc rgb "#404040"
set grid ytics lc rgb "#d0d0d0"
set border 3
set xtics nomirror scale 0
set ytics nomirror
set lmargin 11
set rmargin 2
set tmargin 2
set bmargin 3
$nothing << EOD
0 -1
EOD
set origin 0,0.9021
set size 1,0.0691
set border 0
unset xtics
unset ytics
set xrange [0:1]
set yrange [0:1]
set key at graph 0.5, graph 0.5 center center horizontal maxrows 1 reverse Left box samplen 1.5 width 1
plot $nothing using 1:2 with points ps 0 notitle, \
     keyentry with boxes fc rgb "#1f3b73" title "gomap", \
     keyentry with boxes fc rgb "#6f8fcf" title "gomap_generic", \
     keyentry with boxes fc rgb "#00add8" title "go", \
     keyentry with boxes fc rgb "#2ca02c" title "absl", \
     keyentry with boxes fc rgb "#ff7f0e" title "std", \
     keyentry with boxes fc rgb "#9467bd" title "glib", \
     keyentry with boxes fc rgb "#8c564b" title "uthash", \
     keyentry with boxes fc rgb "#7f7f7f" title "stb"
unset key
set border 3
set xtics nomirror scale 0
set ytics nomirror
set origin 0.0000,0.4510
set size 0.5000,0.4510
set title "u64 keys, N = 1e+06: median / gomap's (above 1: gomap faster or smaller)"
set ylabel "relative to gomap (line: gomap = 1; log)"
set xtics ("insert" 0, "insert_hint" 1, "lookup_hit" 2, "lookup_miss" 3, "delete" 4, "iterate" 5, "mem" 6)
set xrange [-0.6:6.6]
set yrange [0.113009:25.7473]
set format y "%gx"
set logscale y
set ytics (0.2, 0.5, 1, 2, 5, 10, 20)
unset arrow
unset label
set arrow from graph 0, first 1.0 to graph 1, first 1.0 nohead lw 2 lc rgb "#000000" front
plot $p0_gomap_generic using 1:2:3:4:5:6 with boxxyerror fc rgb "#6f8fcf" notitle, \
     $p0_go using 1:2:3:4:5:6 with boxxyerror fc rgb "#00add8" notitle, \
     $p0_absl using 1:2:3:4:5:6 with boxxyerror fc rgb "#2ca02c" notitle, \
     $p0_std using 1:2:3:4:5:6 with boxxyerror fc rgb "#ff7f0e" notitle, \
     $p0_glib using 1:2:3:4:5:6 with boxxyerror fc rgb "#9467bd" notitle, \
     $p0_uthash using 1:2:3:4:5:6 with boxxyerror fc rgb "#8c564b" notitle, \
     $p0_stb using 1:2:3:4:5:6 with boxxyerror fc rgb "#7f7f7f" notitle
set origin 0.5000,0.4510
set size 0.5000,0.4510
set title "str keys, N = 1e+06: median / gomap's (above 1: gomap faster or smaller)"
set ylabel "relative to gomap (line: gomap = 1; log)"
set xtics ("insert" 0, "insert_hint" 1, "lookup_hit" 2, "lookup_miss" 3, "delete" 4, "iterate" 5, "mem" 6)
set xrange [-0.6:6.6]
set yrange [0.101235:29.4374]
set format y "%gx"
set logscale y
set ytics (0.2, 0.5, 1, 2, 5, 10, 20)
unset arrow
unset label
set arrow from graph 0, first 1.0 to graph 1, first 1.0 nohead lw 2 lc rgb "#000000" front
plot $p1_gomap_generic using 1:2:3:4:5:6 with boxxyerror fc rgb "#6f8fcf" notitle, \
     $p1_go using 1:2:3:4:5:6 with boxxyerror fc rgb "#00add8" notitle, \
     $p1_absl using 1:2:3:4:5:6 with boxxyerror fc rgb "#2ca02c" notitle, \
     $p1_std using 1:2:3:4:5:6 with boxxyerror fc rgb "#ff7f0e" notitle, \
     $p1_glib using 1:2:3:4:5:6 with boxxyerror fc rgb "#9467bd" notitle, \
     $p1_uthash using 1:2:3:4:5:6 with boxxyerror fc rgb "#8c564b" notitle, \
     $p1_stb using 1:2:3:4:5:6 with boxxyerror fc rgb "#7f7f7f" notitle
set origin 0.0000,0.0000
set size 0.5000,0.4510
set title "worst single insert, u64, best of rounds (target: < 1000 us at N = 1e+07)"
set ylabel "microseconds (log)"
set xtics ("N = 1e+06" 0)
set xrange [-0.6:0.6]
set yrange [100:149537]
set format y "%g"
set logscale y
set ytics (100, 1000, 10000, 100000)
unset arrow
unset label
set arrow from graph 0, first 1000.0 to graph 1, first 1000.0 nohead lw 2 lc rgb "#000000" front
set label "target 1 ms" at graph 1, first 1000.0 right offset -0.5,0.7 front
plot $p2_gomap using 1:2:3:4:5:6 with boxxyerror fc rgb "#1f3b73" notitle, \
     $p2_gomap_generic using 1:2:3:4:5:6 with boxxyerror fc rgb "#6f8fcf" notitle, \
     $p2_go using 1:2:3:4:5:6 with boxxyerror fc rgb "#00add8" notitle, \
     $p2_absl using 1:2:3:4:5:6 with boxxyerror fc rgb "#2ca02c" notitle, \
     $p2_std using 1:2:3:4:5:6 with boxxyerror fc rgb "#ff7f0e" notitle, \
     $p2_glib using 1:2:3:4:5:6 with boxxyerror fc rgb "#9467bd" notitle, \
     $p2_uthash using 1:2:3:4:5:6 with boxxyerror fc rgb "#8c564b" notitle, \
     $p2_stb using 1:2:3:4:5:6 with boxxyerror fc rgb "#7f7f7f" notitle
set origin 0.5000,0.0000
set size 0.5000,0.4510
set title "small_create: create, insert 100 u64 keys, drop"
set ylabel "ns per map"
set xtics ("no hint" 0, "hint 100" 1)
set xrange [-0.6:1.6]
set yrange [0:6722.5]
set format y "%g"
unset logscale y
set ytics autofreq
unset arrow
unset label
plot $p3_gomap using 1:2:3:4:5:6 with boxxyerror fc rgb "#1f3b73" notitle, \
     $p3_gomap_generic using 1:2:3:4:5:6 with boxxyerror fc rgb "#6f8fcf" notitle, \
     $p3_go using 1:2:3:4:5:6 with boxxyerror fc rgb "#00add8" notitle, \
     $p3_absl using 1:2:3:4:5:6 with boxxyerror fc rgb "#2ca02c" notitle, \
     $p3_std using 1:2:3:4:5:6 with boxxyerror fc rgb "#ff7f0e" notitle, \
     $p3_glib using 1:2:3:4:5:6 with boxxyerror fc rgb "#9467bd" notitle, \
     $p3_uthash using 1:2:3:4:5:6 with boxxyerror fc rgb "#8c564b" notitle, \
     $p3_stb using 1:2:3:4:5:6 with boxxyerror fc rgb "#7f7f7f" notitle
unset multiplot
set output
