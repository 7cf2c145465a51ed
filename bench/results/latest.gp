set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 0.91976 -0.3943 -0.2914 0.91976 1
0.6571 2.7883 0.6057 0.7086 1 2.7883
1.6571 1.1818 1.6057 1.7086 1 1.1818
2.6571 1.06903 2.6057 2.7086 1 1.06903
3.6571 1.22461 3.6057 3.7086 1 1.22461
4.6571 1.02445 4.6057 4.7086 1 1.02445
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.81364 -0.2800 -0.1771 1 2.81364
0.7714 1.87045 0.7200 0.8229 1 1.87045
1.7714 1.67966 1.7200 1.8229 1 1.67966
2.7714 2.02804 2.7200 2.8229 1 2.02804
3.7714 1.57277 3.7200 3.8229 1 1.57277
4.7714 1.68616 4.7200 4.8229 1 1.68616
5.7714 1.03122 5.7200 5.8229 1 1.03122
EOD
$p0_absl << EOD
-0.1143 0.694063 -0.1657 -0.0629 0.694063 1
0.8857 1.16233 0.8343 0.9371 1 1.16233
1.8857 0.734728 1.8343 1.9371 0.734728 1
2.8857 0.522932 2.8343 2.9371 0.522932 1
3.8857 0.829787 3.8343 3.9371 0.829787 1
4.8857 0.994068 4.8343 4.9371 0.994068 1
5.8857 0.91582 5.8343 5.9371 0.91582 1
EOD
$p0_std << EOD
0.0000 2.3124 -0.0514 0.0514 1 2.3124
1.0000 4.98282 0.9486 1.0514 1 4.98282
2.0000 1.05255 1.9486 2.0514 1 1.05255
3.0000 2.8797 2.9486 3.0514 1 2.8797
4.0000 4.07589 3.9486 4.0514 1 4.07589
5.0000 6.07265 4.9486 5.0514 1 6.07265
6.0000 0.913811 5.9486 6.0514 0.913811 1
EOD
$p0_glib << EOD
0.1143 1.30873 0.0629 0.1657 1 1.30873
2.1143 1.08981 2.0629 2.1657 1 1.08981
3.1143 2.20022 3.0629 3.1657 1 2.20022
4.1143 2.0161 4.0629 4.1657 1 2.0161
5.1143 2.21421 5.0629 5.1657 1 2.21421
6.1143 0.862164 6.0629 6.1657 0.862164 1
EOD
$p0_uthash << EOD
0.2286 3.35743 0.1771 0.2800 1 3.35743
2.2286 3.20858 2.1771 2.2800 1 3.20858
3.2286 7.01162 3.1771 3.2800 1 7.01162
4.2286 8.71083 4.1771 4.2800 1 8.71083
5.2286 1.67548 5.1771 5.2800 1 1.67548
6.2286 2.28025 6.1771 6.2800 1 2.28025
EOD
$p0_stb << EOD
0.3429 1.16703 0.2914 0.3943 1 1.16703
2.3429 2.58806 2.2914 2.3943 1 2.58806
3.3429 4.26227 3.2914 3.3943 1 4.26227
4.3429 5.62129 4.2914 4.3943 1 5.62129
5.3429 0.22331 5.2914 5.3943 0.22331 1
6.3429 1.29288 6.2914 6.3943 1 1.29288
EOD
$p1_gomap_generic << EOD
-0.3429 1.30815 -0.3943 -0.2914 1 1.30815
0.6571 3.9235 0.6057 0.7086 1 3.9235
1.6571 1.19401 1.6057 1.7086 1 1.19401
2.6571 1.11734 2.6057 2.7086 1 1.11734
3.6571 1.09861 3.6057 3.7086 1 1.09861
4.6571 1.02364 4.6057 4.7086 1 1.02364
5.6571 0.992207 5.6057 5.7086 0.992207 1
EOD
$p1_go << EOD
-0.2286 4.20451 -0.2800 -0.1771 1 4.20451
0.7714 2.49689 0.7200 0.8229 1 2.49689
1.7714 2.05045 1.7200 1.8229 1 2.05045
2.7714 3.0838 2.7200 2.8229 1 3.0838
3.7714 1.82458 3.7200 3.8229 1 1.82458
4.7714 1.70339 4.7200 4.8229 1 1.70339
5.7714 1.0222 5.7200 5.8229 1 1.0222
EOD
$p1_absl << EOD
-0.1143 1.10131 -0.1657 -0.0629 1 1.10131
0.8857 1.89081 0.8343 0.9371 1 1.89081
1.8857 1.25791 1.8343 1.9371 1 1.25791
2.8857 1.20479 2.8343 2.9371 1 1.20479
3.8857 1.17481 3.8343 3.9371 1 1.17481
4.8857 0.976936 4.8343 4.9371 0.976936 1
5.8857 0.933837 5.8343 5.9371 0.933837 1
EOD
$p1_std << EOD
0.0000 2.01645 -0.0514 0.0514 1 2.01645
1.0000 5.18363 0.9486 1.0514 1 5.18363
2.0000 2.58422 1.9486 2.0514 1 2.58422
3.0000 6.01738 2.9486 3.0514 1 6.01738
4.0000 3.96619 3.9486 4.0514 1 3.96619
5.0000 12.8929 4.9486 5.0514 1 12.8929
6.0000 0.911806 5.9486 6.0514 0.911806 1
EOD
$p1_glib << EOD
0.1143 0.960989 0.0629 0.1657 0.960989 1
2.1143 1.75338 2.0629 2.1657 1 1.75338
3.1143 2.29128 3.0629 3.1657 1 2.29128
4.1143 1.64688 4.0629 4.1657 1 1.64688
5.1143 2.07791 5.0629 5.1657 1 2.07791
6.1143 0.566094 6.0629 6.1657 0.566094 1
EOD
$p1_uthash << EOD
0.2286 2.51555 0.1771 0.2800 1 2.51555
2.2286 3.70889 2.1771 2.2800 1 3.70889
3.2286 8.08028 3.1771 3.2800 1 8.08028
4.2286 4.72031 4.1771 4.2800 1 4.72031
5.2286 1.39634 5.1771 5.2800 1 1.39634
6.2286 1.08467 6.1771 6.2800 1 1.08467
EOD
$p1_stb << EOD
0.3429 0.816569 0.2914 0.3943 0.816569 1
2.3429 2.38381 2.2914 2.3943 1 2.38381
3.3429 3.1911 3.2914 3.3943 1 3.1911
4.3429 3.92449 4.2914 4.3943 1 3.92449
5.3429 0.208309 5.2914 5.3943 0.208309 1
6.3429 0.67917 6.2914 6.3943 0.67917 1
EOD
$p2_gomap << EOD
-0.3500 130.528 -0.3950 -0.3050 10 130.528
EOD
$p2_gomap_generic << EOD
-0.2500 84.084 -0.2950 -0.2050 10 84.084
EOD
$p2_go << EOD
-0.1500 12710.1 -0.1950 -0.1050 10 12710.1
EOD
$p2_absl << EOD
-0.0500 22080.5 -0.0950 -0.0050 10 22080.5
EOD
$p2_std << EOD
0.0500 53037.1 0.0050 0.0950 10 53037.1
EOD
$p2_glib << EOD
0.1500 36598 0.1050 0.1950 10 36598
EOD
$p2_uthash << EOD
0.2500 59499.8 0.2050 0.2950 10 59499.8
EOD
$p2_stb << EOD
0.3500 21444.8 0.3050 0.3950 10 21444.8
EOD
$p3_gomap << EOD
-0.3500 2169.62 -0.3950 -0.3050 0 2169.62
0.6500 967.639 0.6050 0.6950 0 967.639
EOD
$p3_gomap_generic << EOD
-0.2500 2398.7 -0.2950 -0.2050 0 2398.7
0.7500 1299.77 0.7050 0.7950 0 1299.77
EOD
$p3_go << EOD
-0.1500 6236.35 -0.1950 -0.1050 0 6236.35
0.8500 3561.54 0.8050 0.8950 0 3561.54
EOD
$p3_absl << EOD
-0.0500 2059.94 -0.0950 -0.0050 0 2059.94
0.9500 875.215 0.9050 0.9950 0 875.215
EOD
$p3_std << EOD
0.0500 3524.1 0.0050 0.0950 0 3524.1
1.0500 3067.96 1.0050 1.0950 0 3067.96
EOD
$p3_glib << EOD
0.1500 2974.67 0.1050 0.1950 0 2974.67
EOD
$p3_uthash << EOD
0.2500 2658.76 0.2050 0.2950 0 2658.76
EOD
$p3_stb << EOD
0.3500 5670.65 0.3050 0.3950 0 5670.65
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T16:42:56Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.159507:12.1952]
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
set yrange [0.148792:18.0501]
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
set yrange [10:119000]
set format y "%g"
set logscale y
set ytics (10, 100, 1000, 10000, 100000)
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
set yrange [0:7171.8]
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
