set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.07748 -0.3943 -0.2914 1 1.07748
0.6571 1.80115 0.6057 0.7086 1 1.80115
1.6571 1.41464 1.6057 1.7086 1 1.41464
2.6571 1.22744 2.6057 2.7086 1 1.22744
3.6571 1.49687 3.6057 3.7086 1 1.49687
4.6571 1.0403 4.6057 4.7086 1 1.0403
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.37851 -0.2800 -0.1771 1 2.37851
0.7714 3.00985 0.7200 0.8229 1 3.00985
1.7714 1.62838 1.7200 1.8229 1 1.62838
2.7714 3.86559 2.7200 2.8229 1 3.86559
3.7714 1.41945 3.7200 3.8229 1 1.41945
4.7714 1.81841 4.7200 4.8229 1 1.81841
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.75071 -0.1657 -0.0629 0.75071 1
0.8857 1.38865 0.8343 0.9371 1 1.38865
1.8857 1.12565 1.8343 1.9371 1 1.12565
2.8857 0.570816 2.8343 2.9371 0.570816 1
3.8857 1.21911 3.8343 3.9371 1 1.21911
4.8857 0.818289 4.8343 4.9371 0.818289 1
5.8857 0.915831 5.8343 5.9371 0.915831 1
EOD
$p0_std << EOD
0.0000 2.81367 -0.0514 0.0514 1 2.81367
1.0000 7.07601 0.9486 1.0514 1 7.07601
2.0000 1.16575 1.9486 2.0514 1 1.16575
3.0000 3.22498 2.9486 3.0514 1 3.22498
4.0000 4.82785 3.9486 4.0514 1 4.82785
5.0000 18.6799 4.9486 5.0514 1 18.6799
6.0000 0.913823 5.9486 6.0514 0.913823 1
EOD
$p0_glib << EOD
0.1143 1.29219 0.0629 0.1657 1 1.29219
2.1143 1.56499 2.0629 2.1657 1 1.56499
3.1143 1.64918 3.0629 3.1657 1 1.64918
4.1143 1.53258 4.0629 4.1657 1 1.53258
5.1143 2.19102 5.0629 5.1657 1 2.19102
6.1143 0.862175 6.0629 6.1657 0.862175 1
EOD
$p0_uthash << EOD
0.2286 5.12863 0.1771 0.2800 1 5.12863
2.2286 3.41518 2.1771 2.2800 1 3.41518
3.2286 8.56993 3.1771 3.2800 1 8.56993
4.2286 6.18712 4.1771 4.2800 1 6.18712
5.2286 0.692086 5.1771 5.2800 0.692086 1
6.2286 2.28028 6.1771 6.2800 1 2.28028
EOD
$p0_stb << EOD
0.3429 1.42952 0.2914 0.3943 1 1.42952
2.3429 3.32899 2.2914 2.3943 1 3.32899
3.3429 4.56908 3.2914 3.3943 1 4.56908
4.3429 4.65741 4.2914 4.3943 1 4.65741
5.3429 0.149205 5.2914 5.3943 0.149205 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.33998 -0.3943 -0.2914 1 1.33998
0.6571 1.25273 0.6057 0.7086 1 1.25273
1.6571 1.25859 1.6057 1.7086 1 1.25859
2.6571 0.836038 2.6057 2.7086 0.836038 1
3.6571 1.0491 3.6057 3.7086 1 1.0491
4.6571 0.912281 4.6057 4.7086 0.912281 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.72161 -0.2800 -0.1771 1 2.72161
0.7714 1.61856 0.7200 0.8229 1 1.61856
1.7714 1.93782 1.7200 1.8229 1 1.93782
2.7714 2.18859 2.7200 2.8229 1 2.18859
3.7714 1.70189 3.7200 3.8229 1 1.70189
4.7714 1.1513 4.7200 4.8229 1 1.1513
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 1.35928 -0.1657 -0.0629 1 1.35928
0.8857 1.4071 0.8343 0.9371 1 1.4071
1.8857 1.04782 1.8343 1.9371 1 1.04782
2.8857 0.817131 2.8343 2.9371 0.817131 1
3.8857 1.10345 3.8343 3.9371 1 1.10345
4.8857 0.560603 4.8343 4.9371 0.560603 1
5.8857 0.941176 5.8343 5.9371 0.941176 1
EOD
$p1_std << EOD
0.0000 2.47168 -0.0514 0.0514 1 2.47168
1.0000 4.80989 0.9486 1.0514 1 4.80989
2.0000 2.61719 1.9486 2.0514 1 2.61719
3.0000 5.56028 2.9486 3.0514 1 5.56028
4.0000 5.1508 3.9486 4.0514 1 5.1508
5.0000 14.3613 4.9486 5.0514 1 14.3613
6.0000 0.918971 5.9486 6.0514 0.918971 1
EOD
$p1_glib << EOD
0.1143 0.605429 0.0629 0.1657 0.605429 1
2.1143 1.53504 2.0629 2.1657 1 1.53504
3.1143 1.63291 3.0629 3.1657 1 1.63291
4.1143 1.57246 4.0629 4.1657 1 1.57246
5.1143 1.45019 5.0629 5.1657 1 1.45019
6.1143 0.570543 6.0629 6.1657 0.570543 1
EOD
$p1_uthash << EOD
0.2286 2.29662 0.1771 0.2800 1 2.29662
2.2286 2.64044 2.1771 2.2800 1 2.64044
3.2286 7.57527 3.1771 3.2800 1 7.57527
4.2286 4.59369 4.1771 4.2800 1 4.59369
5.2286 0.364327 5.1771 5.2800 0.364327 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.684004 0.2914 0.3943 0.684004 1
2.3429 2.55472 2.2914 2.3943 1 2.55472
3.3429 2.82076 3.2914 3.3943 1 2.82076
4.3429 4.32115 4.2914 4.3943 1 4.32115
5.3429 0.0881837 5.2914 5.3943 0.0881837 1
6.3429 0.684507 6.2914 6.3943 0.684507 1
EOD
$p2_gomap << EOD
-0.3500 368.148 -0.3950 -0.3050 100 368.148
EOD
$p2_gomap_generic << EOD
-0.2500 370.871 -0.2950 -0.2050 100 370.871
EOD
$p2_go << EOD
-0.1500 13861.9 -0.1950 -0.1050 100 13861.9
EOD
$p2_absl << EOD
-0.0500 24194.4 -0.0950 -0.0050 100 24194.4
EOD
$p2_std << EOD
0.0500 75723.6 0.0050 0.0950 100 75723.6
EOD
$p2_glib << EOD
0.1500 38432.9 0.1050 0.1950 100 38432.9
EOD
$p2_uthash << EOD
0.2500 70382.8 0.2050 0.2950 100 70382.8
EOD
$p2_stb << EOD
0.3500 20232.3 0.3050 0.3950 100 20232.3
EOD
$p3_gomap << EOD
-0.3500 1831.12 -0.3950 -0.3050 0 1831.12
0.6500 765.638 0.6050 0.6950 0 765.638
EOD
$p3_gomap_generic << EOD
-0.2500 2190.78 -0.2950 -0.2050 0 2190.78
0.7500 1258.08 0.7050 0.7950 0 1258.08
EOD
$p3_go << EOD
-0.1500 5920.18 -0.1950 -0.1050 0 5920.18
0.8500 3110.95 0.8050 0.8950 0 3110.95
EOD
$p3_absl << EOD
-0.0500 1949.73 -0.0950 -0.0050 0 1949.73
0.9500 778.59 0.9050 0.9950 0 778.59
EOD
$p3_std << EOD
0.0500 3830.01 0.0050 0.0950 0 3830.01
1.0500 3363.05 1.0050 1.0950 0 3363.05
EOD
$p3_glib << EOD
0.1500 2942.82 0.1050 0.1950 0 2942.82
EOD
$p3_uthash << EOD
0.2500 3170.4 0.2050 0.2950 0 3170.4
EOD
$p3_stb << EOD
0.3500 4886.76 0.3050 0.3950 0 4886.76
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-05T07:37:45Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
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
set yrange [0.106575:26.1519]
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
set yrange [0.0629884:20.1058]
set format y "%gx"
set logscale y
set ytics (0.1, 0.2, 0.5, 1, 2, 5, 10, 20)
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
set yrange [100:151447]
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
set yrange [0:6808.21]
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
