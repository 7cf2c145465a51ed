set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.17771 -0.3943 -0.2914 1 1.17771
0.6571 1.45777 0.6057 0.7086 1 1.45777
1.6571 1.44593 1.6057 1.7086 1 1.44593
2.6571 1.31043 2.6057 2.7086 1 1.31043
3.6571 1.34113 3.6057 3.7086 1 1.34113
4.6571 1.01091 4.6057 4.7086 1 1.01091
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.19974 -0.2800 -0.1771 1 3.19974
0.7714 2.24504 0.7200 0.8229 1 2.24504
1.7714 1.7243 1.7200 1.8229 1 1.7243
2.7714 4.49719 2.7200 2.8229 1 4.49719
3.7714 1.46209 3.7200 3.8229 1 1.46209
4.7714 2.01063 4.7200 4.8229 1 2.01063
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.820642 -0.1657 -0.0629 0.820642 1
0.8857 1.11111 0.8343 0.9371 1 1.11111
1.8857 0.795737 1.8343 1.9371 0.795737 1
2.8857 0.62781 2.8343 2.9371 0.62781 1
3.8857 0.929752 3.8343 3.9371 0.929752 1
4.8857 0.935188 4.8343 4.9371 0.935188 1
5.8857 0.915831 5.8343 5.9371 0.915831 1
EOD
$p0_std << EOD
0.0000 3.18023 -0.0514 0.0514 1 3.18023
1.0000 6.46122 0.9486 1.0514 1 6.46122
2.0000 1.25214 1.9486 2.0514 1 1.25214
3.0000 4.25172 2.9486 3.0514 1 4.25172
4.0000 4.83335 3.9486 4.0514 1 4.83335
5.0000 16.9905 4.9486 5.0514 1 16.9905
6.0000 0.913823 5.9486 6.0514 0.913823 1
EOD
$p0_glib << EOD
0.1143 1.30634 0.0629 0.1657 1 1.30634
2.1143 1.4938 2.0629 2.1657 1 1.4938
3.1143 1.80153 3.0629 3.1657 1 1.80153
4.1143 1.63431 4.0629 4.1657 1 1.63431
5.1143 2.4432 5.0629 5.1657 1 2.4432
6.1143 0.862175 6.0629 6.1657 0.862175 1
EOD
$p0_uthash << EOD
0.2286 6.43021 0.1771 0.2800 1 6.43021
2.2286 3.69457 2.1771 2.2800 1 3.69457
3.2286 9.94427 3.1771 3.2800 1 9.94427
4.2286 6.55669 4.1771 4.2800 1 6.55669
5.2286 0.751479 5.1771 5.2800 0.751479 1
6.2286 2.28028 6.1771 6.2800 1 2.28028
EOD
$p0_stb << EOD
0.3429 1.39365 0.2914 0.3943 1 1.39365
2.3429 3.75145 2.2914 2.3943 1 3.75145
3.3429 5.80062 3.2914 3.3943 1 5.80062
4.3429 4.80876 4.2914 4.3943 1 4.80876
5.3429 0.159216 5.2914 5.3943 0.159216 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.0771 -0.3943 -0.2914 1 1.0771
0.6571 1.24898 0.6057 0.7086 1 1.24898
1.6571 1.25453 1.6057 1.7086 1 1.25453
2.6571 1.01358 2.6057 2.7086 1 1.01358
3.6571 1.09369 3.6057 3.7086 1 1.09369
4.6571 0.987046 4.6057 4.7086 0.987046 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.82207 -0.2800 -0.1771 1 2.82207
0.7714 1.82313 0.7200 0.8229 1 1.82313
1.7714 1.75992 1.7200 1.8229 1 1.75992
2.7714 3.1373 2.7200 2.8229 1 3.1373
3.7714 1.96073 3.7200 3.8229 1 1.96073
4.7714 1.86691 4.7200 4.8229 1 1.86691
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 1.2196 -0.1657 -0.0629 1 1.2196
0.8857 1.4374 0.8343 0.9371 1 1.4374
1.8857 1.0813 1.8343 1.9371 1 1.0813
2.8857 1.0252 2.8343 2.9371 1 1.0252
3.8857 1.05911 3.8343 3.9371 1 1.05911
4.8857 0.909991 4.8343 4.9371 0.909991 1
5.8857 0.941176 5.8343 5.9371 0.941176 1
EOD
$p1_std << EOD
0.0000 2.50207 -0.0514 0.0514 1 2.50207
1.0000 5.57532 0.9486 1.0514 1 5.57532
2.0000 2.4798 1.9486 2.0514 1 2.4798
3.0000 7.14415 2.9486 3.0514 1 7.14415
4.0000 4.84122 3.9486 4.0514 1 4.84122
5.0000 20.2403 4.9486 5.0514 1 20.2403
6.0000 0.918971 5.9486 6.0514 0.918971 1
EOD
$p1_glib << EOD
0.1143 0.653843 0.0629 0.1657 0.653843 1
2.1143 1.70521 2.0629 2.1657 1 1.70521
3.1143 1.9254 3.0629 3.1657 1 1.9254
4.1143 1.76918 4.0629 4.1657 1 1.76918
5.1143 2.33126 5.0629 5.1657 1 2.33126
6.1143 0.570543 6.0629 6.1657 0.570543 1
EOD
$p1_uthash << EOD
0.2286 2.39952 0.1771 0.2800 1 2.39952
2.2286 3.05775 2.1771 2.2800 1 3.05775
3.2286 9.89512 3.1771 3.2800 1 9.89512
4.2286 4.40193 4.1771 4.2800 1 4.40193
5.2286 0.62378 5.1771 5.2800 0.62378 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.672127 0.2914 0.3943 0.672127 1
2.3429 2.62408 2.2914 2.3943 1 2.62408
3.3429 3.98337 3.2914 3.3943 1 3.98337
4.3429 4.49192 4.2914 4.3943 1 4.49192
5.3429 0.145436 5.2914 5.3943 0.145436 1
6.3429 0.684507 6.2914 6.3943 0.684507 1
EOD
$p2_gomap << EOD
-0.3500 283.802 -0.3950 -0.3050 100 283.802
EOD
$p2_gomap_generic << EOD
-0.2500 277.062 -0.2950 -0.2050 100 277.062
EOD
$p2_go << EOD
-0.1500 1836.76 -0.1950 -0.1050 100 1836.76
EOD
$p2_absl << EOD
-0.0500 24187.4 -0.0950 -0.0050 100 24187.4
EOD
$p2_std << EOD
0.0500 62376.5 0.0050 0.0950 100 62376.5
EOD
$p2_glib << EOD
0.1500 35411.7 0.1050 0.1950 100 35411.7
EOD
$p2_uthash << EOD
0.2500 68253.2 0.2050 0.2950 100 68253.2
EOD
$p2_stb << EOD
0.3500 19960.3 0.3050 0.3950 100 19960.3
EOD
$p3_gomap << EOD
-0.3500 1656.33 -0.3950 -0.3050 0 1656.33
0.6500 740.742 0.6050 0.6950 0 740.742
EOD
$p3_gomap_generic << EOD
-0.2500 2096.56 -0.2950 -0.2050 0 2096.56
0.7500 1243.35 0.7050 0.7950 0 1243.35
EOD
$p3_go << EOD
-0.1500 5344.38 -0.1950 -0.1050 0 5344.38
0.8500 2797.66 0.8050 0.8950 0 2797.66
EOD
$p3_absl << EOD
-0.0500 1877.61 -0.0950 -0.0050 0 1877.61
0.9500 755.526 0.9050 0.9950 0 755.526
EOD
$p3_std << EOD
0.0500 3662.82 0.0050 0.0950 0 3662.82
1.0500 3314.07 1.0050 1.0950 0 3314.07
EOD
$p3_glib << EOD
0.1500 2703.35 0.1050 0.1950 0 2703.35
EOD
$p3_uthash << EOD
0.2500 2712.6 0.2050 0.2950 0 2712.6
EOD
$p3_stb << EOD
0.3500 4556.09 0.3050 0.3950 0 4556.09
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-05T14:56:39Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
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
set yrange [0.113726:23.7867]
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
set yrange [0.103883:28.3364]
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
set yrange [100:136506]
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
set yrange [0:6146.04]
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
