set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.13358 -0.3943 -0.2914 1 1.13358
0.6571 1.73938 0.6057 0.7086 1 1.73938
1.6571 1.18764 1.6057 1.7086 1 1.18764
2.6571 1.10607 2.6057 2.7086 1 1.10607
3.6571 1.17328 3.6057 3.7086 1 1.17328
4.6571 1.0683 4.6057 4.7086 1 1.0683
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.55328 -0.2800 -0.1771 1 2.55328
0.7714 2.10191 0.7200 0.8229 1 2.10191
1.7714 1.73136 1.7200 1.8229 1 1.73136
2.7714 2.19452 2.7200 2.8229 1 2.19452
3.7714 1.50676 3.7200 3.8229 1 1.50676
4.7714 1.72981 4.7200 4.8229 1 1.72981
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 1.73473 -0.1657 -0.0629 1 1.73473
0.8857 1.42946 0.8343 0.9371 1 1.42946
1.8857 0.715906 1.8343 1.9371 0.715906 1
2.8857 0.544884 2.8343 2.9371 0.544884 1
3.8857 0.769243 3.8343 3.9371 0.769243 1
4.8857 1.03214 4.8343 4.9371 1 1.03214
5.8857 0.915834 5.8343 5.9371 0.915834 1
EOD
$p0_std << EOD
0.0000 3.12161 -0.0514 0.0514 1 3.12161
1.0000 7.03046 0.9486 1.0514 1 7.03046
2.0000 1.09992 1.9486 2.0514 1 1.09992
3.0000 3.12302 2.9486 3.0514 1 3.12302
4.0000 4.4106 3.9486 4.0514 1 4.4106
5.0000 8.27821 4.9486 5.0514 1 8.27821
6.0000 0.913825 5.9486 6.0514 0.913825 1
EOD
$p0_glib << EOD
0.1143 1.57618 0.0629 0.1657 1 1.57618
2.1143 1.07117 2.0629 2.1657 1 1.07117
3.1143 2.31269 3.0629 3.1657 1 2.31269
4.1143 1.9053 4.0629 4.1657 1 1.9053
5.1143 2.35566 5.0629 5.1657 1 2.35566
6.1143 0.862177 6.0629 6.1657 0.862177 1
EOD
$p0_uthash << EOD
0.2286 4.93904 0.1771 0.2800 1 4.93904
2.2286 3.31434 2.1771 2.2800 1 3.31434
3.2286 7.9447 3.1771 3.2800 1 7.9447
4.2286 8.56687 4.1771 4.2800 1 8.56687
5.2286 1.61184 5.1771 5.2800 1 1.61184
6.2286 2.28029 6.1771 6.2800 1 2.28029
EOD
$p0_stb << EOD
0.3429 1.45913 0.2914 0.3943 1 1.45913
2.3429 2.7966 2.2914 2.3943 1 2.7966
3.3429 4.77114 3.2914 3.3943 1 4.77114
4.3429 5.73788 4.2914 4.3943 1 5.73788
5.3429 0.234232 5.2914 5.3943 0.234232 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.0909 -0.3943 -0.2914 1 1.0909
0.6571 2.93316 0.6057 0.7086 1 2.93316
1.6571 1.05314 1.6057 1.7086 1 1.05314
2.6571 0.985685 2.6057 2.7086 0.985685 1
3.6571 0.985071 3.6057 3.7086 0.985071 1
4.6571 0.970251 4.6057 4.7086 0.970251 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 3.57837 -0.2800 -0.1771 1 3.57837
0.7714 4.05682 0.7200 0.8229 1 4.05682
1.7714 1.81353 1.7200 1.8229 1 1.81353
2.7714 3.03476 2.7200 2.8229 1 3.03476
3.7714 1.74898 3.7200 3.8229 1 1.74898
4.7714 1.65065 4.7200 4.8229 1 1.65065
5.7714 1.03024 5.7200 5.8229 1 1.03024
EOD
$p1_absl << EOD
-0.1143 0.998089 -0.1657 -0.0629 0.998089 1
0.8857 2.72983 0.8343 0.9371 1 2.72983
1.8857 1.1092 1.8343 1.9371 1 1.1092
2.8857 1.14477 2.8343 2.9371 1 1.14477
3.8857 1.04644 3.8343 3.9371 1 1.04644
4.8857 0.974329 4.8343 4.9371 0.974329 1
5.8857 0.941179 5.8343 5.9371 0.941179 1
EOD
$p1_std << EOD
0.0000 1.78314 -0.0514 0.0514 1 1.78314
1.0000 5.39305 0.9486 1.0514 1 5.39305
2.0000 2.32502 1.9486 2.0514 1 2.32502
3.0000 5.94536 2.9486 3.0514 1 5.94536
4.0000 3.57093 3.9486 4.0514 1 3.57093
5.0000 13.1565 4.9486 5.0514 1 13.1565
6.0000 0.918975 5.9486 6.0514 0.918975 1
EOD
$p1_glib << EOD
0.1143 0.803476 0.0629 0.1657 0.803476 1
2.1143 1.53719 2.0629 2.1657 1 1.53719
3.1143 2.10834 3.0629 3.1657 1 2.10834
4.1143 1.43173 4.0629 4.1657 1 1.43173
5.1143 2.0737 5.0629 5.1657 1 2.0737
6.1143 0.570545 6.0629 6.1657 0.570545 1
EOD
$p1_uthash << EOD
0.2286 2.31703 0.1771 0.2800 1 2.31703
2.2286 3.4388 2.1771 2.2800 1 3.4388
3.2286 7.39018 3.1771 3.2800 1 7.39018
4.2286 4.26884 4.1771 4.2800 1 4.26884
5.2286 1.44076 5.1771 5.2800 1 1.44076
6.2286 1.0932 6.1771 6.2800 1 1.0932
EOD
$p1_stb << EOD
0.3429 0.955905 0.2914 0.3943 0.955905 1
2.3429 2.35103 2.2914 2.3943 1 2.35103
3.3429 3.08847 3.2914 3.3943 1 3.08847
4.3429 4.06458 4.2914 4.3943 1 4.06458
5.3429 0.201503 5.2914 5.3943 0.201503 1
6.3429 0.68451 6.2914 6.3943 0.68451 1
EOD
$p2_gomap << EOD
-0.3500 217.588 -0.3950 -0.3050 100 217.588
EOD
$p2_gomap_generic << EOD
-0.2500 213.555 -0.2950 -0.2050 100 213.555
EOD
$p2_go << EOD
-0.1500 18489.7 -0.1950 -0.1050 100 18489.7
EOD
$p2_absl << EOD
-0.0500 23311.9 -0.0950 -0.0050 100 23311.9
EOD
$p2_std << EOD
0.0500 54465.1 0.0050 0.0950 100 54465.1
EOD
$p2_glib << EOD
0.1500 38521.2 0.1050 0.1950 100 38521.2
EOD
$p2_uthash << EOD
0.2500 59796.5 0.2050 0.2950 100 59796.5
EOD
$p2_stb << EOD
0.3500 22040.4 0.3050 0.3950 100 22040.4
EOD
$p3_gomap << EOD
-0.3500 2126.06 -0.3950 -0.3050 0 2126.06
0.6500 880.675 0.6050 0.6950 0 880.675
EOD
$p3_gomap_generic << EOD
-0.2500 2275.91 -0.2950 -0.2050 0 2275.91
0.7500 1270.05 0.7050 0.7950 0 1270.05
EOD
$p3_go << EOD
-0.1500 6513.49 -0.1950 -0.1050 0 6513.49
0.8500 3744.92 0.8050 0.8950 0 3744.92
EOD
$p3_absl << EOD
-0.0500 2008.96 -0.0950 -0.0050 0 2008.96
0.9500 887.343 0.9050 0.9950 0 887.343
EOD
$p3_std << EOD
0.0500 3687.61 0.0050 0.0950 0 3687.61
1.0500 3177.55 1.0050 1.0950 0 3177.55
EOD
$p3_glib << EOD
0.1500 2955.56 0.1050 0.1950 0 2955.56
EOD
$p3_uthash << EOD
0.2500 2765.45 0.2050 0.2950 0 2765.45
EOD
$p3_stb << EOD
0.3500 5677.29 0.3050 0.3950 0 5677.29
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T18:05:34Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.167309:11.9936]
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
set yrange [0.143931:18.4191]
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
set yrange [100:119593]
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
set yrange [0:7490.51]
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
