set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.24546 -0.3943 -0.2914 1 1.24546
0.6571 2.18888 0.6057 0.7086 1 2.18888
1.6571 1.33169 1.6057 1.7086 1 1.33169
2.6571 1.06818 2.6057 2.7086 1 1.06818
3.6571 1.47806 3.6057 3.7086 1 1.47806
4.6571 1.0489 4.6057 4.7086 1 1.0489
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.5477 -0.2800 -0.1771 1 3.5477
0.7714 2.65935 0.7200 0.8229 1 2.65935
1.7714 2.05553 1.7200 1.8229 1 2.05553
2.7714 2.57185 2.7200 2.8229 1 2.57185
3.7714 1.64457 3.7200 3.8229 1 1.64457
4.7714 1.85267 4.7200 4.8229 1 1.85267
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.88106 -0.1657 -0.0629 0.88106 1
0.8857 1.35963 0.8343 0.9371 1 1.35963
1.8857 0.773185 1.8343 1.9371 0.773185 1
2.8857 0.534165 2.8343 2.9371 0.534165 1
3.8857 0.83361 3.8343 3.9371 0.83361 1
4.8857 1.04141 4.8343 4.9371 1 1.04141
5.8857 0.915834 5.8343 5.9371 0.915834 1
EOD
$p0_std << EOD
0.0000 3.24802 -0.0514 0.0514 1 3.24802
1.0000 7.04031 0.9486 1.0514 1 7.04031
2.0000 1.16647 1.9486 2.0514 1 1.16647
3.0000 3.02259 2.9486 3.0514 1 3.02259
4.0000 4.63679 3.9486 4.0514 1 4.63679
5.0000 9.88282 4.9486 5.0514 1 9.88282
6.0000 0.913825 5.9486 6.0514 0.913825 1
EOD
$p0_glib << EOD
0.1143 1.67975 0.0629 0.1657 1 1.67975
2.1143 1.20802 2.0629 2.1657 1 1.20802
3.1143 2.16592 3.0629 3.1657 1 2.16592
4.1143 1.99496 4.0629 4.1657 1 1.99496
5.1143 2.46262 5.0629 5.1657 1 2.46262
6.1143 0.862177 6.0629 6.1657 0.862177 1
EOD
$p0_uthash << EOD
0.2286 4.70773 0.1771 0.2800 1 4.70773
2.2286 3.66246 2.1771 2.2800 1 3.66246
3.2286 7.58199 3.1771 3.2800 1 7.58199
4.2286 8.58629 4.1771 4.2800 1 8.58629
5.2286 1.80531 5.1771 5.2800 1 1.80531
6.2286 2.28029 6.1771 6.2800 1 2.28029
EOD
$p0_stb << EOD
0.3429 1.51986 0.2914 0.3943 1 1.51986
2.3429 3.25158 2.2914 2.3943 1 3.25158
3.3429 4.90696 3.2914 3.3943 1 4.90696
4.3429 5.79215 4.2914 4.3943 1 5.79215
5.3429 0.240811 5.2914 5.3943 0.240811 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.01204 -0.3943 -0.2914 1 1.01204
0.6571 2.10535 0.6057 0.7086 1 2.10535
1.6571 1.10215 1.6057 1.7086 1 1.10215
2.6571 1.13382 2.6057 2.7086 1 1.13382
3.6571 1.27423 3.6057 3.7086 1 1.27423
4.6571 1.01806 4.6057 4.7086 1 1.01806
5.6571 0.992207 5.6057 5.7086 0.992207 1
EOD
$p1_go << EOD
-0.2286 3.38685 -0.2800 -0.1771 1 3.38685
0.7714 1.76254 0.7200 0.8229 1 1.76254
1.7714 1.92963 1.7200 1.8229 1 1.92963
2.7714 3.10457 2.7200 2.8229 1 3.10457
3.7714 2.02107 3.7200 3.8229 1 2.02107
4.7714 1.72886 4.7200 4.8229 1 1.72886
5.7714 1.02221 5.7200 5.8229 1 1.02221
EOD
$p1_absl << EOD
-0.1143 0.946854 -0.1657 -0.0629 0.946854 1
0.8857 1.43322 0.8343 0.9371 1 1.43322
1.8857 1.29377 1.8343 1.9371 1 1.29377
2.8857 1.25797 2.8343 2.9371 1 1.25797
3.8857 1.2465 3.8343 3.9371 1 1.2465
4.8857 1.03794 4.8343 4.9371 1 1.03794
5.8857 0.933844 5.8343 5.9371 0.933844 1
EOD
$p1_std << EOD
0.0000 1.73614 -0.0514 0.0514 1 1.73614
1.0000 4.32078 0.9486 1.0514 1 4.32078
2.0000 2.45899 1.9486 2.0514 1 2.45899
3.0000 5.86372 2.9486 3.0514 1 5.86372
4.0000 4.26135 3.9486 4.0514 1 4.26135
5.0000 13.5238 4.9486 5.0514 1 13.5238
6.0000 0.911813 5.9486 6.0514 0.911813 1
EOD
$p1_glib << EOD
0.1143 0.759578 0.0629 0.1657 0.759578 1
2.1143 1.75015 2.0629 2.1657 1 1.75015
3.1143 2.11406 3.0629 3.1657 1 2.11406
4.1143 1.75593 4.0629 4.1657 1 1.75593
5.1143 2.13449 5.0629 5.1657 1 2.13449
6.1143 0.566098 6.0629 6.1657 0.566098 1
EOD
$p1_uthash << EOD
0.2286 2.41611 0.1771 0.2800 1 2.41611
2.2286 3.67046 2.1771 2.2800 1 3.67046
3.2286 7.81761 3.1771 3.2800 1 7.81761
4.2286 4.87581 4.1771 4.2800 1 4.87581
5.2286 1.45495 5.1771 5.2800 1 1.45495
6.2286 1.08468 6.1771 6.2800 1 1.08468
EOD
$p1_stb << EOD
0.3429 0.674486 0.2914 0.3943 0.674486 1
2.3429 2.49544 2.2914 2.3943 1 2.49544
3.3429 3.14112 3.2914 3.3943 1 3.14112
4.3429 4.43017 4.2914 4.3943 1 4.43017
5.3429 0.212932 5.2914 5.3943 0.212932 1
6.3429 0.679175 6.2914 6.3943 0.679175 1
EOD
$p2_gomap << EOD
-0.3500 195.178 -0.3950 -0.3050 100 195.178
EOD
$p2_gomap_generic << EOD
-0.2500 218.079 -0.2950 -0.2050 100 218.079
EOD
$p2_go << EOD
-0.1500 18925.6 -0.1950 -0.1050 100 18925.6
EOD
$p2_absl << EOD
-0.0500 23262.3 -0.0950 -0.0050 100 23262.3
EOD
$p2_std << EOD
0.0500 65542.7 0.0050 0.0950 100 65542.7
EOD
$p2_glib << EOD
0.1500 38322 0.1050 0.1950 100 38322
EOD
$p2_uthash << EOD
0.2500 60729.3 0.2050 0.2950 100 60729.3
EOD
$p2_stb << EOD
0.3500 21824.2 0.3050 0.3950 100 21824.2
EOD
$p3_gomap << EOD
-0.3500 1967.44 -0.3950 -0.3050 0 1967.44
0.6500 857.842 0.6050 0.6950 0 857.842
EOD
$p3_gomap_generic << EOD
-0.2500 2400.51 -0.2950 -0.2050 0 2400.51
0.7500 1410.42 0.7050 0.7950 0 1410.42
EOD
$p3_go << EOD
-0.1500 6598.68 -0.1950 -0.1050 0 6598.68
0.8500 3969 0.8050 0.8950 0 3969
EOD
$p3_absl << EOD
-0.0500 2070.49 -0.0950 -0.0050 0 2070.49
0.9500 881.546 0.9050 0.9950 0 881.546
EOD
$p3_std << EOD
0.0500 3673.78 0.0050 0.0950 0 3673.78
1.0500 3166.95 1.0050 1.0950 0 3166.95
EOD
$p3_glib << EOD
0.1500 3491.52 0.1050 0.1950 0 3491.52
EOD
$p3_uthash << EOD
0.2500 2809.44 0.2050 0.2950 0 2809.44
EOD
$p3_stb << EOD
0.3500 5892.52 0.3050 0.3950 0 5892.52
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T20:03:18Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.172008:13.8359]
set format y "%gx"
set logscale y
set ytics (0.2, 0.5, 1, 2, 5, 10)
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
set yrange [0.152094:18.9333]
set format y "%gx"
set logscale y
set ytics (0.2, 0.5, 1, 2, 5, 10)
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
set yrange [100:131085]
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
set yrange [0:7588.48]
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
