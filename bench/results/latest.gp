set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.06131 -0.3943 -0.2914 1 1.06131
0.6571 1.32198 0.6057 0.7086 1 1.32198
1.6571 1.2085 1.6057 1.7086 1 1.2085
2.6571 1.09243 2.6057 2.7086 1 1.09243
3.6571 1.16716 3.6057 3.7086 1 1.16716
4.6571 1.05595 4.6057 4.7086 1 1.05595
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.18364 -0.2800 -0.1771 1 3.18364
0.7714 1.70075 0.7200 0.8229 1 1.70075
1.7714 1.50525 1.7200 1.8229 1 1.50525
2.7714 1.87027 2.7200 2.8229 1 1.87027
3.7714 1.04588 3.7200 3.8229 1 1.04588
4.7714 1.7026 4.7200 4.8229 1 1.7026
5.7714 1.03122 5.7200 5.8229 1 1.03122
EOD
$p0_absl << EOD
-0.1143 0.717769 -0.1657 -0.0629 0.717769 1
0.8857 0.771729 0.8343 0.9371 0.771729 1
1.8857 0.700985 1.8343 1.9371 0.700985 1
2.8857 0.475458 2.8343 2.9371 0.475458 1
3.8857 0.549417 3.8343 3.9371 0.549417 1
4.8857 1.01388 4.8343 4.9371 1 1.01388
5.8857 0.91582 5.8343 5.9371 0.91582 1
EOD
$p0_std << EOD
0.0000 2.4063 -0.0514 0.0514 1 2.4063
1.0000 3.40766 0.9486 1.0514 1 3.40766
2.0000 1.02638 1.9486 2.0514 1 1.02638
3.0000 2.63699 2.9486 3.0514 1 2.63699
4.0000 2.84176 3.9486 4.0514 1 2.84176
5.0000 7.06238 4.9486 5.0514 1 7.06238
6.0000 0.913811 5.9486 6.0514 0.913811 1
EOD
$p0_glib << EOD
0.1143 1.34231 0.0629 0.1657 1 1.34231
2.1143 0.996221 2.0629 2.1657 0.996221 1
3.1143 1.93672 3.0629 3.1657 1 1.93672
4.1143 1.36961 4.0629 4.1657 1 1.36961
5.1143 2.22385 5.0629 5.1657 1 2.22385
6.1143 0.862164 6.0629 6.1657 0.862164 1
EOD
$p0_uthash << EOD
0.2286 3.70921 0.1771 0.2800 1 3.70921
2.2286 3.22726 2.1771 2.2800 1 3.22726
3.2286 6.89981 3.1771 3.2800 1 6.89981
4.2286 6.18817 4.1771 4.2800 1 6.18817
5.2286 1.76184 5.1771 5.2800 1 1.76184
6.2286 2.28025 6.1771 6.2800 1 2.28025
EOD
$p0_stb << EOD
0.3429 1.21157 0.2914 0.3943 1 1.21157
2.3429 2.48157 2.2914 2.3943 1 2.48157
3.3429 3.80912 3.2914 3.3943 1 3.80912
4.3429 3.92033 4.2914 4.3943 1 3.92033
5.3429 0.256363 5.2914 5.3943 0.256363 1
6.3429 1.29288 6.2914 6.3943 1 1.29288
EOD
$p1_gomap_generic << EOD
-0.3429 0.990146 -0.3943 -0.2914 0.990146 1
0.6571 1.22637 0.6057 0.7086 1 1.22637
1.6571 1.13297 1.6057 1.7086 1 1.13297
2.6571 1.0611 2.6057 2.7086 1 1.0611
3.6571 1.07648 3.6057 3.7086 1 1.07648
4.6571 1.00249 4.6057 4.7086 1 1.00249
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.63777 -0.2800 -0.1771 1 2.63777
0.7714 1.52772 0.7200 0.8229 1 1.52772
1.7714 1.85052 1.7200 1.8229 1 1.85052
2.7714 2.74106 2.7200 2.8229 1 2.74106
3.7714 1.65228 3.7200 3.8229 1 1.65228
4.7714 1.64087 4.7200 4.8229 1 1.64087
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 0.867388 -0.1657 -0.0629 0.867388 1
0.8857 1.21847 0.8343 0.9371 1 1.21847
1.8857 1.1491 1.8343 1.9371 1 1.1491
2.8857 1.07803 2.8343 2.9371 1 1.07803
3.8857 1.02571 3.8343 3.9371 1 1.02571
4.8857 0.943556 4.8343 4.9371 0.943556 1
5.8857 0.941172 5.8343 5.9371 0.941172 1
EOD
$p1_std << EOD
0.0000 1.49692 -0.0514 0.0514 1 1.49692
1.0000 3.25334 0.9486 1.0514 1 3.25334
2.0000 2.40904 1.9486 2.0514 1 2.40904
3.0000 5.46617 2.9486 3.0514 1 5.46617
4.0000 3.43525 3.9486 4.0514 1 3.43525
5.0000 12.7754 4.9486 5.0514 1 12.7754
6.0000 0.918968 5.9486 6.0514 0.918968 1
EOD
$p1_glib << EOD
0.1143 0.701154 0.0629 0.1657 0.701154 1
2.1143 1.52728 2.0629 2.1657 1 1.52728
3.1143 1.98035 3.0629 3.1657 1 1.98035
4.1143 1.37459 4.0629 4.1657 1 1.37459
5.1143 1.97481 5.0629 5.1657 1 1.97481
6.1143 0.57054 6.0629 6.1657 0.57054 1
EOD
$p1_uthash << EOD
0.2286 1.92186 0.1771 0.2800 1 1.92186
2.2286 3.66855 2.1771 2.2800 1 3.66855
3.2286 7.46984 3.1771 3.2800 1 7.46984
4.2286 4.20101 4.1771 4.2800 1 4.20101
5.2286 1.45001 5.1771 5.2800 1 1.45001
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.593677 0.2914 0.3943 0.593677 1
2.3429 2.35561 2.2914 2.3943 1 2.35561
3.3429 2.74556 3.2914 3.3943 1 2.74556
4.3429 3.52347 4.2914 4.3943 1 3.52347
5.3429 0.218364 5.2914 5.3943 0.218364 1
6.3429 0.684505 6.2914 6.3943 0.684505 1
EOD
$p2_gomap << EOD
-0.3500 120.965 -0.3950 -0.3050 100 120.965
EOD
$p2_gomap_generic << EOD
-0.2500 105.251 -0.2950 -0.2050 100 105.251
EOD
$p2_go << EOD
-0.1500 16803.9 -0.1950 -0.1050 100 16803.9
EOD
$p2_absl << EOD
-0.0500 21540.3 -0.0950 -0.0050 100 21540.3
EOD
$p2_std << EOD
0.0500 57238.7 0.0050 0.0950 100 57238.7
EOD
$p2_glib << EOD
0.1500 33359.5 0.1050 0.1950 100 33359.5
EOD
$p2_uthash << EOD
0.2500 58298 0.2050 0.2950 100 58298
EOD
$p2_stb << EOD
0.3500 20506.6 0.3050 0.3950 100 20506.6
EOD
$p3_gomap << EOD
-0.3500 2154.24 -0.3950 -0.3050 0 2154.24
0.6500 998.266 0.6050 0.6950 0 998.266
EOD
$p3_gomap_generic << EOD
-0.2500 2438 -0.2950 -0.2050 0 2438
0.7500 1271.86 0.7050 0.7950 0 1271.86
EOD
$p3_go << EOD
-0.1500 6018.98 -0.1950 -0.1050 0 6018.98
0.8500 3388.53 0.8050 0.8950 0 3388.53
EOD
$p3_absl << EOD
-0.0500 1891.29 -0.0950 -0.0050 0 1891.29
0.9500 774.392 0.9050 0.9950 0 774.392
EOD
$p3_std << EOD
0.0500 3216.75 0.0050 0.0950 0 3216.75
1.0500 2829.34 1.0050 1.0950 0 2829.34
EOD
$p3_glib << EOD
0.1500 2669.73 0.1050 0.1950 0 2669.73
EOD
$p3_uthash << EOD
0.2500 2541.49 0.2050 0.2950 0 2541.49
EOD
$p3_stb << EOD
0.3500 5399.37 0.3050 0.3950 0 5399.37
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T12:55:53Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.183116:9.88733]
set format y "%gx"
set logscale y
set ytics (0.2, 0.5, 1, 2, 5)
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
set yrange [0.155974:17.8856]
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
set yrange [100:116596]
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
set yrange [0:6921.83]
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
