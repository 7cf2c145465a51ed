set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.10195 -0.3943 -0.2914 1 1.10195
0.6571 1.57655 0.6057 0.7086 1 1.57655
1.6571 1.40656 1.6057 1.7086 1 1.40656
2.6571 1.08978 2.6057 2.7086 1 1.08978
3.6571 1.25954 3.6057 3.7086 1 1.25954
4.6571 1.05799 4.6057 4.7086 1 1.05799
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.83611 -0.2800 -0.1771 1 2.83611
0.7714 2.62767 0.7200 0.8229 1 2.62767
1.7714 1.56486 1.7200 1.8229 1 1.56486
2.7714 3.30662 2.7200 2.8229 1 3.30662
3.7714 1.15855 3.7200 3.8229 1 1.15855
4.7714 1.86581 4.7200 4.8229 1 1.86581
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.837276 -0.1657 -0.0629 0.837276 1
0.8857 1.06209 0.8343 0.9371 1 1.06209
1.8857 0.677179 1.8343 1.9371 0.677179 1
2.8857 0.456301 2.8343 2.9371 0.456301 1
3.8857 0.81303 3.8343 3.9371 0.81303 1
4.8857 0.875186 4.8343 4.9371 0.875186 1
5.8857 0.915831 5.8343 5.9371 0.915831 1
EOD
$p0_std << EOD
0.0000 3.17813 -0.0514 0.0514 1 3.17813
1.0000 5.6822 0.9486 1.0514 1 5.6822
2.0000 1.14533 1.9486 2.0514 1 1.14533
3.0000 2.95226 2.9486 3.0514 1 2.95226
4.0000 3.87314 3.9486 4.0514 1 3.87314
5.0000 17.3644 4.9486 5.0514 1 17.3644
6.0000 0.913823 5.9486 6.0514 0.913823 1
EOD
$p0_glib << EOD
0.1143 1.17018 0.0629 0.1657 1 1.17018
2.1143 1.31264 2.0629 2.1657 1 1.31264
3.1143 1.42475 3.0629 3.1657 1 1.42475
4.1143 1.28022 4.0629 4.1657 1 1.28022
5.1143 2.30634 5.0629 5.1657 1 2.30634
6.1143 0.862175 6.0629 6.1657 0.862175 1
EOD
$p0_uthash << EOD
0.2286 5.91012 0.1771 0.2800 1 5.91012
2.2286 3.33518 2.1771 2.2800 1 3.33518
3.2286 7.54931 3.1771 3.2800 1 7.54931
4.2286 5.46895 4.1771 4.2800 1 5.46895
5.2286 0.673869 5.1771 5.2800 0.673869 1
6.2286 2.28028 6.1771 6.2800 1 2.28028
EOD
$p0_stb << EOD
0.3429 1.39357 0.2914 0.3943 1 1.39357
2.3429 3.4716 2.2914 2.3943 1 3.4716
3.3429 4.10098 3.2914 3.3943 1 4.10098
4.3429 3.78663 4.2914 4.3943 1 3.78663
5.3429 0.149303 5.2914 5.3943 0.149303 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.08309 -0.3943 -0.2914 1 1.08309
0.6571 1.44002 0.6057 0.7086 1 1.44002
1.6571 1.31083 1.6057 1.7086 1 1.31083
2.6571 1.41843 2.6057 2.7086 1 1.41843
3.6571 1.17203 3.6057 3.7086 1 1.17203
4.6571 1.02915 4.6057 4.7086 1 1.02915
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.63452 -0.2800 -0.1771 1 2.63452
0.7714 1.84104 0.7200 0.8229 1 1.84104
1.7714 1.73615 1.7200 1.8229 1 1.73615
2.7714 3.05708 2.7200 2.8229 1 3.05708
3.7714 1.78898 3.7200 3.8229 1 1.78898
4.7714 1.82055 4.7200 4.8229 1 1.82055
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 1.20225 -0.1657 -0.0629 1 1.20225
0.8857 1.45906 0.8343 0.9371 1 1.45906
1.8857 1.19028 1.8343 1.9371 1 1.19028
2.8857 1.14487 2.8343 2.9371 1 1.14487
3.8857 1.13367 3.8343 3.9371 1 1.13367
4.8857 0.881585 4.8343 4.9371 0.881585 1
5.8857 0.941176 5.8343 5.9371 0.941176 1
EOD
$p1_std << EOD
0.0000 2.54977 -0.0514 0.0514 1 2.54977
1.0000 4.78935 0.9486 1.0514 1 4.78935
2.0000 2.6221 1.9486 2.0514 1 2.6221
3.0000 6.7523 2.9486 3.0514 1 6.7523
4.0000 4.72301 3.9486 4.0514 1 4.72301
5.0000 22.9505 4.9486 5.0514 1 22.9505
6.0000 0.918971 5.9486 6.0514 0.918971 1
EOD
$p1_glib << EOD
0.1143 0.612871 0.0629 0.1657 0.612871 1
2.1143 1.70474 2.0629 2.1657 1 1.70474
3.1143 1.87316 3.0629 3.1657 1 1.87316
4.1143 1.67848 4.0629 4.1657 1 1.67848
5.1143 2.22775 5.0629 5.1657 1 2.22775
6.1143 0.570543 6.0629 6.1657 0.570543 1
EOD
$p1_uthash << EOD
0.2286 2.41965 0.1771 0.2800 1 2.41965
2.2286 2.95528 2.1771 2.2800 1 2.95528
3.2286 10.5564 3.1771 3.2800 1 10.5564
4.2286 4.48857 4.1771 4.2800 1 4.48857
5.2286 0.574603 5.1771 5.2800 0.574603 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.636034 0.2914 0.3943 0.636034 1
2.3429 2.77141 2.2914 2.3943 1 2.77141
3.3429 3.79401 3.2914 3.3943 1 3.79401
4.3429 4.65743 4.2914 4.3943 1 4.65743
5.3429 0.151399 5.2914 5.3943 0.151399 1
6.3429 0.684507 6.2914 6.3943 0.684507 1
EOD
$p2_gomap << EOD
-0.3500 270.152 -0.3950 -0.3050 100 270.152
EOD
$p2_gomap_generic << EOD
-0.2500 231.924 -0.2950 -0.2050 100 231.924
EOD
$p2_go << EOD
-0.1500 13930.2 -0.1950 -0.1050 100 13930.2
EOD
$p2_absl << EOD
-0.0500 25082.4 -0.0950 -0.0050 100 25082.4
EOD
$p2_std << EOD
0.0500 74512.2 0.0050 0.0950 100 74512.2
EOD
$p2_glib << EOD
0.1500 36550.8 0.1050 0.1950 100 36550.8
EOD
$p2_uthash << EOD
0.2500 71098.4 0.2050 0.2950 100 71098.4
EOD
$p2_stb << EOD
0.3500 20482.3 0.3050 0.3950 100 20482.3
EOD
$p3_gomap << EOD
-0.3500 1712.04 -0.3950 -0.3050 0 1712.04
0.6500 767.259 0.6050 0.6950 0 767.259
EOD
$p3_gomap_generic << EOD
-0.2500 2238.65 -0.2950 -0.2050 0 2238.65
0.7500 1236.05 0.7050 0.7950 0 1236.05
EOD
$p3_go << EOD
-0.1500 5318.4 -0.1950 -0.1050 0 5318.4
0.8500 3095.1 0.8050 0.8950 0 3095.1
EOD
$p3_absl << EOD
-0.0500 1898.26 -0.0950 -0.0050 0 1898.26
0.9500 808.254 0.9050 0.9950 0 808.254
EOD
$p3_std << EOD
0.0500 3740.08 0.0050 0.0950 0 3740.08
1.0500 3384.06 1.0050 1.0950 0 3384.06
EOD
$p3_glib << EOD
0.1500 2742.03 0.1050 0.1950 0 2742.03
EOD
$p3_uthash << EOD
0.2500 2712.6 0.2050 0.2950 0 2712.6
EOD
$p3_stb << EOD
0.3500 4519.94 0.3050 0.3950 0 4519.94
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-05T09:41:14Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
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
set yrange [0.106645:24.3102]
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
set yrange [0.108142:32.1307]
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
set yrange [100:149024]
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
set yrange [0:6116.16]
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
