set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.17402 -0.3943 -0.2914 1 1.17402
0.6571 1.64064 0.6057 0.7086 1 1.64064
1.6571 1.37753 1.6057 1.7086 1 1.37753
2.6571 1.38446 2.6057 2.7086 1 1.38446
3.6571 1.46321 3.6057 3.7086 1 1.46321
4.6571 0.955361 4.6057 4.7086 0.955361 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.99862 -0.2800 -0.1771 1 2.99862
0.7714 3.21373 0.7200 0.8229 1 3.21373
1.7714 1.73484 1.7200 1.8229 1 1.73484
2.7714 4.54686 2.7200 2.8229 1 4.54686
3.7714 1.48277 3.7200 3.8229 1 1.48277
4.7714 1.70649 4.7200 4.8229 1 1.70649
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.801421 -0.1657 -0.0629 0.801421 1
0.8857 1.13235 0.8343 0.9371 1 1.13235
1.8857 0.781448 1.8343 1.9371 0.781448 1
2.8857 0.591294 2.8343 2.9371 0.591294 1
3.8857 0.867721 3.8343 3.9371 0.867721 1
4.8857 0.798407 4.8343 4.9371 0.798407 1
5.8857 0.915831 5.8343 5.9371 0.915831 1
EOD
$p0_std << EOD
0.0000 3.32018 -0.0514 0.0514 1 3.32018
1.0000 5.75112 0.9486 1.0514 1 5.75112
2.0000 1.18923 1.9486 2.0514 1 1.18923
3.0000 3.85082 2.9486 3.0514 1 3.85082
4.0000 4.7062 3.9486 4.0514 1 4.7062
5.0000 14.8457 4.9486 5.0514 1 14.8457
6.0000 0.913823 5.9486 6.0514 0.913823 1
EOD
$p0_glib << EOD
0.1143 1.26222 0.0629 0.1657 1 1.26222
2.1143 1.44759 2.0629 2.1657 1 1.44759
3.1143 1.64005 3.0629 3.1657 1 1.64005
4.1143 1.60732 4.0629 4.1657 1 1.60732
5.1143 2.13598 5.0629 5.1657 1 2.13598
6.1143 0.862175 6.0629 6.1657 0.862175 1
EOD
$p0_uthash << EOD
0.2286 5.92508 0.1771 0.2800 1 5.92508
2.2286 3.50027 2.1771 2.2800 1 3.50027
3.2286 9.77699 3.1771 3.2800 1 9.77699
4.2286 6.25095 4.1771 4.2800 1 6.25095
5.2286 0.604867 5.1771 5.2800 0.604867 1
6.2286 2.28028 6.1771 6.2800 1 2.28028
EOD
$p0_stb << EOD
0.3429 1.32655 0.2914 0.3943 1 1.32655
2.3429 3.5765 2.2914 2.3943 1 3.5765
3.3429 5.61068 3.2914 3.3943 1 5.61068
4.3429 4.51662 4.2914 4.3943 1 4.51662
5.3429 0.135177 5.2914 5.3943 0.135177 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 0.963214 -0.3943 -0.2914 0.963214 1
0.6571 1.27136 0.6057 0.7086 1 1.27136
1.6571 1.23465 1.6057 1.7086 1 1.23465
2.6571 1.04528 2.6057 2.7086 1 1.04528
3.6571 1.11069 3.6057 3.7086 1 1.11069
4.6571 1.0209 4.6057 4.7086 1 1.0209
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.41644 -0.2800 -0.1771 1 2.41644
0.7714 2.49348 0.7200 0.8229 1 2.49348
1.7714 1.69346 1.7200 1.8229 1 1.69346
2.7714 3.3339 2.7200 2.8229 1 3.3339
3.7714 1.86134 3.7200 3.8229 1 1.86134
4.7714 1.29065 4.7200 4.8229 1 1.29065
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 1.04737 -0.1657 -0.0629 1 1.04737
0.8857 1.33262 0.8343 0.9371 1 1.33262
1.8857 1.05063 1.8343 1.9371 1 1.05063
2.8857 1.07545 2.8343 2.9371 1 1.07545
3.8857 1.06212 3.8343 3.9371 1 1.06212
4.8857 0.627508 4.8343 4.9371 0.627508 1
5.8857 0.941176 5.8343 5.9371 0.941176 1
EOD
$p1_std << EOD
0.0000 2.28949 -0.0514 0.0514 1 2.28949
1.0000 5.02092 0.9486 1.0514 1 5.02092
2.0000 2.42853 1.9486 2.0514 1 2.42853
3.0000 7.64805 2.9486 3.0514 1 7.64805
4.0000 4.84065 3.9486 4.0514 1 4.84065
5.0000 15.0176 4.9486 5.0514 1 15.0176
6.0000 0.918971 5.9486 6.0514 0.918971 1
EOD
$p1_glib << EOD
0.1143 0.575982 0.0629 0.1657 0.575982 1
2.1143 1.67305 2.0629 2.1657 1 1.67305
3.1143 2.45784 3.0629 3.1657 1 2.45784
4.1143 1.69727 4.0629 4.1657 1 1.69727
5.1143 1.61541 5.0629 5.1657 1 1.61541
6.1143 0.570543 6.0629 6.1657 0.570543 1
EOD
$p1_uthash << EOD
0.2286 2.19138 0.1771 0.2800 1 2.19138
2.2286 2.78407 2.1771 2.2800 1 2.78407
3.2286 10.5945 3.1771 3.2800 1 10.5945
4.2286 4.52601 4.1771 4.2800 1 4.52601
5.2286 0.409139 5.1771 5.2800 0.409139 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.556516 0.2914 0.3943 0.556516 1
2.3429 2.56805 2.2914 2.3943 1 2.56805
3.3429 3.96539 3.2914 3.3943 1 3.96539
4.3429 4.14633 4.2914 4.3943 1 4.14633
5.3429 0.0978072 5.2914 5.3943 0.0978072 1
6.3429 0.684507 6.2914 6.3943 0.684507 1
EOD
$p2_gomap << EOD
-0.3500 375.367 -0.3950 -0.3050 100 375.367
EOD
$p2_gomap_generic << EOD
-0.2500 227.819 -0.2950 -0.2050 100 227.819
EOD
$p2_go << EOD
-0.1500 1151.34 -0.1950 -0.1050 100 1151.34
EOD
$p2_absl << EOD
-0.0500 23515.3 -0.0950 -0.0050 100 23515.3
EOD
$p2_std << EOD
0.0500 67584.9 0.0050 0.0950 100 67584.9
EOD
$p2_glib << EOD
0.1500 37164.5 0.1050 0.1950 100 37164.5
EOD
$p2_uthash << EOD
0.2500 71383.9 0.2050 0.2950 100 71383.9
EOD
$p2_stb << EOD
0.3500 20151.8 0.3050 0.3950 100 20151.8
EOD
$p3_gomap << EOD
-0.3500 1864.34 -0.3950 -0.3050 0 1864.34
0.6500 759.224 0.6050 0.6950 0 759.224
EOD
$p3_gomap_generic << EOD
-0.2500 2091.43 -0.2950 -0.2050 0 2091.43
0.7500 1161.7 0.7050 0.7950 0 1161.7
EOD
$p3_go << EOD
-0.1500 5074.71 -0.1950 -0.1050 0 5074.71
0.8500 2725.66 0.8050 0.8950 0 2725.66
EOD
$p3_absl << EOD
-0.0500 1907.12 -0.0950 -0.0050 0 1907.12
0.9500 797.236 0.9050 0.9950 0 797.236
EOD
$p3_std << EOD
0.0500 3761.91 0.0050 0.0950 0 3761.91
1.0500 3343.2 1.0050 1.0950 0 3343.2
EOD
$p3_glib << EOD
0.1500 2656.72 0.1050 0.1950 0 2656.72
EOD
$p3_uthash << EOD
0.2500 2782.05 0.2050 0.2950 0 2782.05
EOD
$p3_stb << EOD
0.3500 4457.36 0.3050 0.3950 0 4457.36
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-05T02:58:54Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
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
set yrange [0.096555:20.784]
set format y "%gx"
set logscale y
set ytics (0.1, 0.2, 0.5, 1, 2, 5, 10, 20)
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
set yrange [0.0698623:21.0246]
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
set yrange [100:142768]
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
set yrange [0:5835.91]
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
