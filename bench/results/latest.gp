set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.0902 -0.3943 -0.2914 1 1.0902
0.6571 1.31911 0.6057 0.7086 1 1.31911
1.6571 1.12853 1.6057 1.7086 1 1.12853
2.6571 1.14261 2.6057 2.7086 1 1.14261
3.6571 1.11338 3.6057 3.7086 1 1.11338
4.6571 0.998526 4.6057 4.7086 0.998526 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 1.91418 -0.2800 -0.1771 1 1.91418
0.7714 1.56949 0.7200 0.8229 1 1.56949
1.7714 1.49302 1.7200 1.8229 1 1.49302
2.7714 1.83472 2.7200 2.8229 1 1.83472
3.7714 1.1509 3.7200 3.8229 1 1.1509
4.7714 1.63638 4.7200 4.8229 1 1.63638
5.7714 1.03122 5.7200 5.8229 1 1.03122
EOD
$p0_absl << EOD
-0.1143 0.683918 -0.1657 -0.0629 0.683918 1
0.8857 0.760782 0.8343 0.9371 0.760782 1
1.8857 0.634815 1.8343 1.9371 0.634815 1
2.8857 0.440483 2.8343 2.9371 0.440483 1
3.8857 0.584411 3.8343 3.9371 0.584411 1
4.8857 0.940369 4.8343 4.9371 0.940369 1
5.8857 0.91582 5.8343 5.9371 0.91582 1
EOD
$p0_std << EOD
0.0000 2.13662 -0.0514 0.0514 1 2.13662
1.0000 3.25399 0.9486 1.0514 1 3.25399
2.0000 0.960308 1.9486 2.0514 0.960308 1
3.0000 2.50535 2.9486 3.0514 1 2.50535
4.0000 3.03851 3.9486 4.0514 1 3.03851
5.0000 7.07587 4.9486 5.0514 1 7.07587
6.0000 0.913811 5.9486 6.0514 0.913811 1
EOD
$p0_glib << EOD
0.1143 1.32597 0.0629 0.1657 1 1.32597
2.1143 0.980555 2.0629 2.1657 0.980555 1
3.1143 1.93251 3.0629 3.1657 1 1.93251
4.1143 1.52173 4.0629 4.1657 1 1.52173
5.1143 2.12028 5.0629 5.1657 1 2.12028
6.1143 0.862164 6.0629 6.1657 0.862164 1
EOD
$p0_uthash << EOD
0.2286 3.64135 0.1771 0.2800 1 3.64135
2.2286 2.89624 2.1771 2.2800 1 2.89624
3.2286 6.37364 3.1771 3.2800 1 6.37364
4.2286 6.82479 4.1771 4.2800 1 6.82479
5.2286 1.71059 5.1771 5.2800 1 1.71059
6.2286 2.28025 6.1771 6.2800 1 2.28025
EOD
$p0_stb << EOD
0.3429 1.22073 0.2914 0.3943 1 1.22073
2.3429 2.26297 2.2914 2.3943 1 2.26297
3.3429 3.73291 3.2914 3.3943 1 3.73291
4.3429 4.35914 4.2914 4.3943 1 4.35914
5.3429 0.233969 5.2914 5.3943 0.233969 1
6.3429 1.29288 6.2914 6.3943 1 1.29288
EOD
$p1_gomap_generic << EOD
-0.3429 1.02594 -0.3943 -0.2914 1 1.02594
0.6571 1.24168 0.6057 0.7086 1 1.24168
1.6571 1.08079 1.6057 1.7086 1 1.08079
2.6571 1.03418 2.6057 2.7086 1 1.03418
3.6571 1.04245 3.6057 3.7086 1 1.04245
4.6571 1.00599 4.6057 4.7086 1 1.00599
5.6571 0.992207 5.6057 5.7086 0.992207 1
EOD
$p1_go << EOD
-0.2286 3.21045 -0.2800 -0.1771 1 3.21045
0.7714 2.61352 0.7200 0.8229 1 2.61352
1.7714 1.69702 1.7200 1.8229 1 1.69702
2.7714 2.66927 2.7200 2.8229 1 2.66927
3.7714 1.68429 3.7200 3.8229 1 1.68429
4.7714 1.61204 4.7200 4.8229 1 1.61204
5.7714 1.0222 5.7200 5.8229 1 1.0222
EOD
$p1_absl << EOD
-0.1143 0.926291 -0.1657 -0.0629 0.926291 1
0.8857 1.17961 0.8343 0.9371 1 1.17961
1.8857 1.06092 1.8343 1.9371 1 1.06092
2.8857 1.02144 2.8343 2.9371 1 1.02144
3.8857 1.0545 3.8343 3.9371 1 1.0545
4.8857 0.964967 4.8343 4.9371 0.964967 1
5.8857 0.933837 5.8343 5.9371 0.933837 1
EOD
$p1_std << EOD
0.0000 1.57746 -0.0514 0.0514 1 1.57746
1.0000 3.25215 0.9486 1.0514 1 3.25215
2.0000 2.18521 1.9486 2.0514 1 2.18521
3.0000 5.48438 2.9486 3.0514 1 5.48438
4.0000 3.82808 3.9486 4.0514 1 3.82808
5.0000 13.4851 4.9486 5.0514 1 13.4851
6.0000 0.911806 5.9486 6.0514 0.911806 1
EOD
$p1_glib << EOD
0.1143 0.77387 0.0629 0.1657 0.77387 1
2.1143 1.47253 2.0629 2.1657 1 1.47253
3.1143 2.00784 3.0629 3.1657 1 2.00784
4.1143 1.48874 4.0629 4.1657 1 1.48874
5.1143 2.03877 5.0629 5.1657 1 2.03877
6.1143 0.566094 6.0629 6.1657 0.566094 1
EOD
$p1_uthash << EOD
0.2286 2.14975 0.1771 0.2800 1 2.14975
2.2286 3.3787 2.1771 2.2800 1 3.3787
3.2286 7.13959 3.1771 3.2800 1 7.13959
4.2286 4.48547 4.1771 4.2800 1 4.48547
5.2286 1.3066 5.1771 5.2800 1 1.3066
6.2286 1.08467 6.1771 6.2800 1 1.08467
EOD
$p1_stb << EOD
0.3429 0.646782 0.2914 0.3943 0.646782 1
2.3429 2.23002 2.2914 2.3943 1 2.23002
3.3429 2.81669 3.2914 3.3943 1 2.81669
4.3429 3.8218 4.2914 4.3943 1 3.8218
5.3429 0.210437 5.2914 5.3943 0.210437 1
6.3429 0.67917 6.2914 6.3943 0.67917 1
EOD
$p2_gomap << EOD
-0.3500 80.113 -0.3950 -0.3050 10 80.113
EOD
$p2_gomap_generic << EOD
-0.2500 81.909 -0.2950 -0.2050 10 81.909
EOD
$p2_go << EOD
-0.1500 1415.41 -0.1950 -0.1050 10 1415.41
EOD
$p2_absl << EOD
-0.0500 21140.9 -0.0950 -0.0050 10 21140.9
EOD
$p2_std << EOD
0.0500 51914.9 0.0050 0.0950 10 51914.9
EOD
$p2_glib << EOD
0.1500 34948.9 0.1050 0.1950 10 34948.9
EOD
$p2_uthash << EOD
0.2500 58349.6 0.2050 0.2950 10 58349.6
EOD
$p2_stb << EOD
0.3500 20716.5 0.3050 0.3950 10 20716.5
EOD
$p3_gomap << EOD
-0.3500 2214.89 -0.3950 -0.3050 0 2214.89
0.6500 1014.51 0.6050 0.6950 0 1014.51
EOD
$p3_gomap_generic << EOD
-0.2500 2435.1 -0.2950 -0.2050 0 2435.1
0.7500 1307.53 0.7050 0.7950 0 1307.53
EOD
$p3_go << EOD
-0.1500 5790.66 -0.1950 -0.1050 0 5790.66
0.8500 3413.92 0.8050 0.8950 0 3413.92
EOD
$p3_absl << EOD
-0.0500 1906.03 -0.0950 -0.0050 0 1906.03
0.9500 813.72 0.9050 0.9950 0 813.72
EOD
$p3_std << EOD
0.0500 3337.04 0.0050 0.0950 0 3337.04
1.0500 2938.15 1.0050 1.0950 0 2938.15
EOD
$p3_glib << EOD
0.1500 2855.18 0.1050 0.1950 0 2855.18
EOD
$p3_uthash << EOD
0.2500 2521.21 0.2050 0.2950 0 2521.21
EOD
$p3_stb << EOD
0.3500 5371.08 0.3050 0.3950 0 5371.08
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T12:45:25Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.167121:9.90622]
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
set yrange [0.150312:18.8791]
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
set yrange [10:116699]
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
set yrange [0:6659.26]
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
