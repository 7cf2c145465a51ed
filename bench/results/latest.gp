set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.07483 -0.3943 -0.2914 1 1.07483
0.6571 1.39887 0.6057 0.7086 1 1.39887
1.6571 1.31351 1.6057 1.7086 1 1.31351
2.6571 1.24306 2.6057 2.7086 1 1.24306
3.6571 1.32717 3.6057 3.7086 1 1.32717
4.6571 0.988591 4.6057 4.7086 0.988591 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.67342 -0.2800 -0.1771 1 3.67342
0.7714 2.11351 0.7200 0.8229 1 2.11351
1.7714 1.62372 1.7200 1.8229 1 1.62372
2.7714 4.67643 2.7200 2.8229 1 4.67643
3.7714 1.47255 3.7200 3.8229 1 1.47255
4.7714 1.95858 4.7200 4.8229 1 1.95858
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.846603 -0.1657 -0.0629 0.846603 1
0.8857 1.22135 0.8343 0.9371 1 1.22135
1.8857 0.667972 1.8343 1.9371 0.667972 1
2.8857 0.604802 2.8343 2.9371 0.604802 1
3.8857 0.809592 3.8343 3.9371 0.809592 1
4.8857 0.886448 4.8343 4.9371 0.886448 1
5.8857 0.915831 5.8343 5.9371 0.915831 1
EOD
$p0_std << EOD
0.0000 3.20728 -0.0514 0.0514 1 3.20728
1.0000 6.02244 0.9486 1.0514 1 6.02244
2.0000 1.19472 1.9486 2.0514 1 1.19472
3.0000 4.38478 2.9486 3.0514 1 4.38478
4.0000 4.38154 3.9486 4.0514 1 4.38154
5.0000 16.5062 4.9486 5.0514 1 16.5062
6.0000 0.913823 5.9486 6.0514 0.913823 1
EOD
$p0_glib << EOD
0.1143 1.37128 0.0629 0.1657 1 1.37128
2.1143 1.41914 2.0629 2.1657 1 1.41914
3.1143 1.82803 3.0629 3.1657 1 1.82803
4.1143 1.69833 4.0629 4.1657 1 1.69833
5.1143 2.3126 5.0629 5.1657 1 2.3126
6.1143 0.862175 6.0629 6.1657 0.862175 1
EOD
$p0_uthash << EOD
0.2286 5.89719 0.1771 0.2800 1 5.89719
2.2286 3.35912 2.1771 2.2800 1 3.35912
3.2286 10.105 3.1771 3.2800 1 10.105
4.2286 6.25042 4.1771 4.2800 1 6.25042
5.2286 0.559735 5.1771 5.2800 0.559735 1
6.2286 2.28028 6.1771 6.2800 1 2.28028
EOD
$p0_stb << EOD
0.3429 1.47169 0.2914 0.3943 1 1.47169
2.3429 3.65827 2.2914 2.3943 1 3.65827
3.3429 6.05188 3.2914 3.3943 1 6.05188
4.3429 5.00747 4.2914 4.3943 1 5.00747
5.3429 0.146716 5.2914 5.3943 0.146716 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.06084 -0.3943 -0.2914 1 1.06084
0.6571 1.37333 0.6057 0.7086 1 1.37333
1.6571 1.24442 1.6057 1.7086 1 1.24442
2.6571 1.06001 2.6057 2.7086 1 1.06001
3.6571 1.12904 3.6057 3.7086 1 1.12904
4.6571 0.979785 4.6057 4.7086 0.979785 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 3.14213 -0.2800 -0.1771 1 3.14213
0.7714 1.62834 0.7200 0.8229 1 1.62834
1.7714 1.68511 1.7200 1.8229 1 1.68511
2.7714 3.16218 2.7200 2.8229 1 3.16218
3.7714 1.90021 3.7200 3.8229 1 1.90021
4.7714 1.74945 4.7200 4.8229 1 1.74945
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 1.13514 -0.1657 -0.0629 1 1.13514
0.8857 1.45432 0.8343 0.9371 1 1.45432
1.8857 1.05219 1.8343 1.9371 1 1.05219
2.8857 1.03072 2.8343 2.9371 1 1.03072
3.8857 1.05467 3.8343 3.9371 1 1.05467
4.8857 0.837978 4.8343 4.9371 0.837978 1
5.8857 0.941176 5.8343 5.9371 0.941176 1
EOD
$p1_std << EOD
0.0000 2.57444 -0.0514 0.0514 1 2.57444
1.0000 4.78039 0.9486 1.0514 1 4.78039
2.0000 2.4463 1.9486 2.0514 1 2.4463
3.0000 6.93452 2.9486 3.0514 1 6.93452
4.0000 4.64356 3.9486 4.0514 1 4.64356
5.0000 17.6745 4.9486 5.0514 1 17.6745
6.0000 0.918971 5.9486 6.0514 0.918971 1
EOD
$p1_glib << EOD
0.1143 0.670131 0.0629 0.1657 0.670131 1
2.1143 1.64821 2.0629 2.1657 1 1.64821
3.1143 1.68839 3.0629 3.1657 1 1.68839
4.1143 1.68732 4.0629 4.1657 1 1.68732
5.1143 2.14898 5.0629 5.1657 1 2.14898
6.1143 0.570543 6.0629 6.1657 0.570543 1
EOD
$p1_uthash << EOD
0.2286 2.29007 0.1771 0.2800 1 2.29007
2.2286 2.8157 2.1771 2.2800 1 2.8157
3.2286 9.49162 3.1771 3.2800 1 9.49162
4.2286 4.33476 4.1771 4.2800 1 4.33476
5.2286 0.5117 5.1771 5.2800 0.5117 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.78303 0.2914 0.3943 0.78303 1
2.3429 2.67134 2.2914 2.3943 1 2.67134
3.3429 3.80882 3.2914 3.3943 1 3.80882
4.3429 4.45013 4.2914 4.3943 1 4.45013
5.3429 0.128523 5.2914 5.3943 0.128523 1
6.3429 0.684507 6.2914 6.3943 0.684507 1
EOD
$p2_gomap << EOD
-0.3500 276.381 -0.3950 -0.3050 100 276.381
EOD
$p2_gomap_generic << EOD
-0.2500 272.314 -0.2950 -0.2050 100 272.314
EOD
$p2_go << EOD
-0.1500 9326.3 -0.1950 -0.1050 100 9326.3
EOD
$p2_absl << EOD
-0.0500 24161.2 -0.0950 -0.0050 100 24161.2
EOD
$p2_std << EOD
0.0500 64187.1 0.0050 0.0950 100 64187.1
EOD
$p2_glib << EOD
0.1500 36125.9 0.1050 0.1950 100 36125.9
EOD
$p2_uthash << EOD
0.2500 67592.3 0.2050 0.2950 100 67592.3
EOD
$p2_stb << EOD
0.3500 19586.1 0.3050 0.3950 100 19586.1
EOD
$p3_gomap << EOD
-0.3500 1655.29 -0.3950 -0.3050 0 1655.29
0.6500 763.031 0.6050 0.6950 0 763.031
EOD
$p3_gomap_generic << EOD
-0.2500 2178 -0.2950 -0.2050 0 2178
0.7500 1144.6 0.7050 0.7950 0 1144.6
EOD
$p3_go << EOD
-0.1500 5432.95 -0.1950 -0.1050 0 5432.95
0.8500 2932.18 0.8050 0.8950 0 2932.18
EOD
$p3_absl << EOD
-0.0500 1831.08 -0.0950 -0.0050 0 1831.08
0.9500 745.409 0.9050 0.9950 0 745.409
EOD
$p3_std << EOD
0.0500 3776.61 0.0050 0.0950 0 3776.61
1.0500 3316.62 1.0050 1.0950 0 3316.62
EOD
$p3_glib << EOD
0.1500 2775.43 0.1050 0.1950 0 2775.43
EOD
$p3_uthash << EOD
0.2500 2737.77 0.2050 0.2950 0 2737.77
EOD
$p3_stb << EOD
0.3500 4573.38 0.3050 0.3950 0 4573.38
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-05T14:15:35Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
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
set yrange [0.104797:23.1087]
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
set yrange [0.0918021:24.7443]
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
set yrange [100:135185]
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
set yrange [0:6247.89]
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
