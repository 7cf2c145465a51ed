set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.04186 -0.3943 -0.2914 1 1.04186
0.6571 1.04811 0.6057 0.7086 1 1.04811
1.6571 0.991522 1.6057 1.7086 0.991522 1
2.6571 0.998664 2.6057 2.7086 0.998664 1
3.6571 1.04109 3.6057 3.7086 1 1.04109
4.6571 0.979238 4.6057 4.7086 0.979238 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.94254 -0.2800 -0.1771 1 2.94254
0.7714 1.31425 0.7200 0.8229 1 1.31425
1.7714 1.10718 1.7200 1.8229 1 1.10718
2.7714 1.46201 2.7200 2.8229 1 1.46201
3.7714 0.929296 3.7200 3.8229 0.929296 1
4.7714 1.17088 4.7200 4.8229 1 1.17088
5.7714 1.03122 5.7200 5.8229 1 1.03122
EOD
$p0_absl << EOD
-0.1143 0.558279 -0.1657 -0.0629 0.558279 1
0.8857 0.763122 0.8343 0.9371 0.763122 1
1.8857 0.527196 1.8343 1.9371 0.527196 1
2.8857 0.416509 2.8343 2.9371 0.416509 1
3.8857 0.493997 3.8343 3.9371 0.493997 1
4.8857 0.601619 4.8343 4.9371 0.601619 1
5.8857 0.915824 5.8343 5.9371 0.915824 1
EOD
$p0_std << EOD
0.0000 1.47304 -0.0514 0.0514 1 1.47304
1.0000 3.00112 0.9486 1.0514 1 3.00112
2.0000 0.668669 1.9486 2.0514 0.668669 1
3.0000 2.29852 2.9486 3.0514 1 2.29852
4.0000 2.3047 3.9486 4.0514 1 2.3047
5.0000 3.41051 4.9486 5.0514 1 3.41051
6.0000 0.913816 5.9486 6.0514 0.913816 1
EOD
$p0_glib << EOD
0.1143 1.09021 0.0629 0.1657 1 1.09021
2.1143 0.714564 2.0629 2.1657 0.714564 1
3.1143 1.95022 3.0629 3.1657 1 1.95022
4.1143 1.20437 4.0629 4.1657 1 1.20437
5.1143 1.43433 5.0629 5.1657 1 1.43433
6.1143 0.862168 6.0629 6.1657 0.862168 1
EOD
$p0_uthash << EOD
0.2286 2.51055 0.1771 0.2800 1 2.51055
2.2286 2.06395 2.1771 2.2800 1 2.06395
3.2286 4.94123 3.1771 3.2800 1 4.94123
4.2286 4.81302 4.1771 4.2800 1 4.81302
5.2286 0.896219 5.1771 5.2800 0.896219 1
6.2286 2.28026 6.1771 6.2800 1 2.28026
EOD
$p0_stb << EOD
0.3429 0.946013 0.2914 0.3943 0.946013 1
2.3429 1.56957 2.2914 2.3943 1 1.56957
3.3429 3.0214 3.2914 3.3943 1 3.0214
4.3429 3.43167 4.2914 4.3943 1 3.43167
5.3429 0.132054 5.2914 5.3943 0.132054 1
6.3429 1.29289 6.2914 6.3943 1 1.29289
EOD
$p1_gomap_generic << EOD
-0.3429 0.761394 -0.3943 -0.2914 0.761394 1
0.6571 0.924842 0.6057 0.7086 0.924842 1
1.6571 0.969668 1.6057 1.7086 0.969668 1
2.6571 1.03286 2.6057 2.7086 1 1.03286
3.6571 0.971128 3.6057 3.7086 0.971128 1
4.6571 0.976773 4.6057 4.7086 0.976773 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.30498 -0.2800 -0.1771 1 2.30498
0.7714 0.92902 0.7200 0.8229 0.92902 1
1.7714 1.37315 1.7200 1.8229 1 1.37315
2.7714 2.72418 2.7200 2.8229 1 2.72418
3.7714 1.48516 3.7200 3.8229 1 1.48516
4.7714 1.0483 4.7200 4.8229 1 1.0483
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 0.601791 -0.1657 -0.0629 0.601791 1
0.8857 1.59284 0.8343 0.9371 1 1.59284
1.8857 0.984891 1.8343 1.9371 0.984891 1
2.8857 0.988365 2.8343 2.9371 0.988365 1
3.8857 0.824662 3.8343 3.9371 0.824662 1
4.8857 0.612388 4.8343 4.9371 0.612388 1
5.8857 0.941174 5.8343 5.9371 0.941174 1
EOD
$p1_std << EOD
0.0000 0.916057 -0.0514 0.0514 0.916057 1
1.0000 2.13013 0.9486 1.0514 1 2.13013
2.0000 1.67996 1.9486 2.0514 1 1.67996
3.0000 4.31382 2.9486 3.0514 1 4.31382
4.0000 3.00934 3.9486 4.0514 1 3.00934
5.0000 6.51603 4.9486 5.0514 1 6.51603
6.0000 0.91897 5.9486 6.0514 0.91897 1
EOD
$p1_glib << EOD
0.1143 0.520011 0.0629 0.1657 0.520011 1
2.1143 1.24228 2.0629 2.1657 1 1.24228
3.1143 2.18463 3.0629 3.1657 1 2.18463
4.1143 1.27684 4.0629 4.1657 1 1.27684
5.1143 1.3372 5.0629 5.1657 1 1.3372
6.1143 0.570542 6.0629 6.1657 0.570542 1
EOD
$p1_uthash << EOD
0.2286 1.35756 0.1771 0.2800 1 1.35756
2.2286 2.77038 2.1771 2.2800 1 2.77038
3.2286 6.96818 3.1771 3.2800 1 6.96818
4.2286 3.63239 4.1771 4.2800 1 3.63239
5.2286 0.8426 5.1771 5.2800 0.8426 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.437311 0.2914 0.3943 0.437311 1
2.3429 1.65106 2.2914 2.3943 1 1.65106
3.3429 2.72574 3.2914 3.3943 1 2.72574
4.3429 3.30278 4.2914 4.3943 1 3.30278
5.3429 0.130119 5.2914 5.3943 0.130119 1
6.3429 0.684506 6.2914 6.3943 0.684506 1
EOD
$p2_gomap << EOD
-0.3500 300.201 -0.3950 -0.3050 100 300.201
EOD
$p2_gomap_generic << EOD
-0.2500 302.598 -0.2950 -0.2050 100 302.598
EOD
$p2_go << EOD
-0.1500 16476.1 -0.1950 -0.1050 100 16476.1
EOD
$p2_absl << EOD
-0.0500 19488.9 -0.0950 -0.0050 100 19488.9
EOD
$p2_std << EOD
0.0500 34991.4 0.0050 0.0950 100 34991.4
EOD
$p2_glib << EOD
0.1500 33429.3 0.1050 0.1950 100 33429.3
EOD
$p2_uthash << EOD
0.2500 52793.6 0.2050 0.2950 100 52793.6
EOD
$p2_stb << EOD
0.3500 19127.6 0.3050 0.3950 100 19127.6
EOD
$p3_gomap << EOD
-0.3500 2654.4 -0.3950 -0.3050 0 2654.4
0.6500 1249.91 0.6050 0.6950 0 1249.91
EOD
$p3_gomap_generic << EOD
-0.2500 2565.91 -0.2950 -0.2050 0 2565.91
0.7500 1259.92 0.7050 0.7950 0 1259.92
EOD
$p3_go << EOD
-0.1500 5598.86 -0.1950 -0.1050 0 5598.86
0.8500 3122.68 0.8050 0.8950 0 3122.68
EOD
$p3_absl << EOD
-0.0500 1878.4 -0.0950 -0.0050 0 1878.4
0.9500 743.174 0.9050 0.9950 0 743.174
EOD
$p3_std << EOD
0.0500 2971.31 0.0050 0.0950 0 2971.31
1.0500 2614.01 1.0050 1.0950 0 2614.01
EOD
$p3_glib << EOD
0.1500 2520.53 0.1050 0.1950 0 2520.53
EOD
$p3_uthash << EOD
0.2500 2306.47 0.2050 0.2950 0 2306.47
EOD
$p3_stb << EOD
0.3500 5017.32 0.3050 0.3950 0 5017.32
EOD
set multiplot title "gomap benchmarks — medians of 3 reps — 2026-11-21T09:30:13Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.0943243:6.91772]
set format y "%gx"
set logscale y
set ytics (0.1, 0.2, 0.5, 1, 2, 5)
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
set yrange [0.0929421:9.75545]
set format y "%gx"
set logscale y
set ytics (0.1, 0.2, 0.5, 1, 2, 5)
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
set yrange [100:105587]
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
set yrange [0:6438.69]
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
