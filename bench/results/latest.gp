set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 0.966376 -0.3943 -0.2914 0.966376 1
0.6571 1.01393 0.6057 0.7086 1 1.01393
1.6571 1.04795 1.6057 1.7086 1 1.04795
2.6571 1.01757 2.6057 2.7086 1 1.01757
3.6571 0.972895 3.6057 3.7086 0.972895 1
4.6571 1.01206 4.6057 4.7086 1 1.01206
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.87529 -0.2800 -0.1771 1 2.87529
0.7714 1.20625 0.7200 0.8229 1 1.20625
1.7714 1.30958 1.7200 1.8229 1 1.30958
2.7714 1.62608 2.7200 2.8229 1 1.62608
3.7714 1.02418 3.7200 3.8229 1 1.02418
4.7714 1.34866 4.7200 4.8229 1 1.34866
5.7714 1.03122 5.7200 5.8229 1 1.03122
EOD
$p0_absl << EOD
-0.1143 0.617434 -0.1657 -0.0629 0.617434 1
0.8857 0.615847 0.8343 0.9371 0.615847 1
1.8857 0.579134 1.8343 1.9371 0.579134 1
2.8857 0.42614 2.8343 2.9371 0.42614 1
3.8857 0.558314 3.8343 3.9371 0.558314 1
4.8857 0.781869 4.8343 4.9371 0.781869 1
5.8857 0.915822 5.8343 5.9371 0.915822 1
EOD
$p0_std << EOD
0.0000 2.12189 -0.0514 0.0514 1 2.12189
1.0000 2.73244 0.9486 1.0514 1 2.73244
2.0000 0.821776 1.9486 2.0514 0.821776 1
3.0000 2.21709 2.9486 3.0514 1 2.21709
4.0000 2.74808 3.9486 4.0514 1 2.74808
5.0000 5.06296 4.9486 5.0514 1 5.06296
6.0000 0.913813 5.9486 6.0514 0.913813 1
EOD
$p0_glib << EOD
0.1143 1.1829 0.0629 0.1657 1 1.1829
2.1143 0.82948 2.0629 2.1657 0.82948 1
3.1143 1.62553 3.0629 3.1657 1 1.62553
4.1143 1.30964 4.0629 4.1657 1 1.30964
5.1143 1.68303 5.0629 5.1657 1 1.68303
6.1143 0.862166 6.0629 6.1657 0.862166 1
EOD
$p0_uthash << EOD
0.2286 3.33081 0.1771 0.2800 1 3.33081
2.2286 2.73231 2.1771 2.2800 1 2.73231
3.2286 5.91645 3.1771 3.2800 1 5.91645
4.2286 6.44341 4.1771 4.2800 1 6.44341
5.2286 1.47922 5.1771 5.2800 1 1.47922
6.2286 2.28026 6.1771 6.2800 1 2.28026
EOD
$p0_stb << EOD
0.3429 1.05095 0.2914 0.3943 1 1.05095
2.3429 2.00516 2.2914 2.3943 1 2.00516
3.3429 3.20396 3.2914 3.3943 1 3.20396
4.3429 3.8289 4.2914 4.3943 1 3.8289
5.3429 0.187198 5.2914 5.3943 0.187198 1
6.3429 1.29288 6.2914 6.3943 1 1.29288
EOD
$p1_gomap_generic << EOD
-0.3429 0.99014 -0.3943 -0.2914 0.99014 1
0.6571 1.01512 0.6057 0.7086 1 1.01512
1.6571 0.973148 1.6057 1.7086 0.973148 1
2.6571 0.989994 2.6057 2.7086 0.989994 1
3.6571 0.939925 3.6057 3.7086 0.939925 1
4.6571 0.939697 4.6057 4.7086 0.939697 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 3.25148 -0.2800 -0.1771 1 3.25148
0.7714 1.4603 0.7200 0.8229 1 1.4603
1.7714 1.50788 1.7200 1.8229 1 1.50788
2.7714 2.37451 2.7200 2.8229 1 2.37451
3.7714 1.47727 3.7200 3.8229 1 1.47727
4.7714 0.905592 4.7200 4.8229 0.905592 1
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 0.861851 -0.1657 -0.0629 0.861851 1
0.8857 0.952747 0.8343 0.9371 0.952747 1
1.8857 1.04985 1.8343 1.9371 1 1.04985
2.8857 1.04085 2.8343 2.9371 1 1.04085
3.8857 1.03033 3.8343 3.9371 1 1.03033
4.8857 0.597488 4.8343 4.9371 0.597488 1
5.8857 0.941173 5.8343 5.9371 0.941173 1
EOD
$p1_std << EOD
0.0000 1.4351 -0.0514 0.0514 1 1.4351
1.0000 2.39561 0.9486 1.0514 1 2.39561
2.0000 1.94132 1.9486 2.0514 1 1.94132
3.0000 4.6114 2.9486 3.0514 1 4.6114
4.0000 3.23321 3.9486 4.0514 1 3.23321
5.0000 7.83312 4.9486 5.0514 1 7.83312
6.0000 0.918969 5.9486 6.0514 0.918969 1
EOD
$p1_glib << EOD
0.1143 0.742387 0.0629 0.1657 0.742387 1
2.1143 1.3495 2.0629 2.1657 1 1.3495
3.1143 1.80465 3.0629 3.1657 1 1.80465
4.1143 1.32419 4.0629 4.1657 1 1.32419
5.1143 1.17277 5.0629 5.1657 1 1.17277
6.1143 0.570541 6.0629 6.1657 0.570541 1
EOD
$p1_uthash << EOD
0.2286 2.04141 0.1771 0.2800 1 2.04141
2.2286 3.26604 2.1771 2.2800 1 3.26604
3.2286 6.72274 3.1771 3.2800 1 6.72274
4.2286 3.94152 4.1771 4.2800 1 3.94152
5.2286 0.962803 5.1771 5.2800 0.962803 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.616211 0.2914 0.3943 0.616211 1
2.3429 2.01568 2.2914 2.3943 1 2.01568
3.3429 2.47496 3.2914 3.3943 1 2.47496
4.3429 3.38045 4.2914 4.3943 1 3.38045
5.3429 0.135154 5.2914 5.3943 0.135154 1
6.3429 0.684506 6.2914 6.3943 0.684506 1
EOD
$p2_gomap << EOD
-0.3500 249.962 -0.3950 -0.3050 100 249.962
EOD
$p2_gomap_generic << EOD
-0.2500 172.56 -0.2950 -0.2050 100 172.56
EOD
$p2_go << EOD
-0.1500 11021.7 -0.1950 -0.1050 100 11021.7
EOD
$p2_absl << EOD
-0.0500 19593.7 -0.0950 -0.0050 100 19593.7
EOD
$p2_std << EOD
0.0500 44396.8 0.0050 0.0950 100 44396.8
EOD
$p2_glib << EOD
0.1500 32612.9 0.1050 0.1950 100 32612.9
EOD
$p2_uthash << EOD
0.2500 56758.5 0.2050 0.2950 100 56758.5
EOD
$p2_stb << EOD
0.3500 19555.2 0.3050 0.3950 100 19555.2
EOD
$p3_gomap << EOD
-0.3500 2373.26 -0.3950 -0.3050 0 2373.26
0.6500 1143.33 0.6050 0.6950 0 1143.33
EOD
$p3_gomap_generic << EOD
-0.2500 2504.88 -0.2950 -0.2050 0 2504.88
0.7500 1219.63 0.7050 0.7950 0 1219.63
EOD
$p3_go << EOD
-0.1500 5483.27 -0.1950 -0.1050 0 5483.27
0.8500 3208.92 0.8050 0.8950 0 3208.92
EOD
$p3_absl << EOD
-0.0500 1802.05 -0.0950 -0.0050 0 1802.05
0.9500 760.146 0.9050 0.9950 0 760.146
EOD
$p3_std << EOD
0.0500 3276.68 0.0050 0.0950 0 3276.68
1.0500 2958.55 1.0050 1.0950 0 2958.55
EOD
$p3_glib << EOD
0.1500 2816.52 0.1050 0.1950 0 2816.52
EOD
$p3_uthash << EOD
0.2500 2359.92 0.2050 0.2950 0 2359.92
EOD
$p3_stb << EOD
0.3500 5206.66 0.3050 0.3950 0 5206.66
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T11:06:32Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.133713:9.02077]
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
set yrange [0.0965386:10.9664]
set format y "%gx"
set logscale y
set ytics (0.1, 0.2, 0.5, 1, 2, 5, 10)
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
set yrange [100:113517]
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
set yrange [0:6305.77]
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
