set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.06519 -0.3943 -0.2914 1 1.06519
0.6571 1.37033 0.6057 0.7086 1 1.37033
1.6571 1.2373 1.6057 1.7086 1 1.2373
2.6571 1.08216 2.6057 2.7086 1 1.08216
3.6571 1.25865 3.6057 3.7086 1 1.25865
4.6571 1.06892 4.6057 4.7086 1 1.06892
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.27269 -0.2800 -0.1771 1 3.27269
0.7714 1.67536 0.7200 0.8229 1 1.67536
1.7714 1.706 1.7200 1.8229 1 1.706
2.7714 1.9024 2.7200 2.8229 1 1.9024
3.7714 1.41898 3.7200 3.8229 1 1.41898
4.7714 1.81477 4.7200 4.8229 1 1.81477
5.7714 1.03122 5.7200 5.8229 1 1.03122
EOD
$p0_absl << EOD
-0.1143 0.752022 -0.1657 -0.0629 0.752022 1
0.8857 0.895395 0.8343 0.9371 0.895395 1
1.8857 0.787237 1.8343 1.9371 0.787237 1
2.8857 0.504189 2.8343 2.9371 0.504189 1
3.8857 0.749972 3.8343 3.9371 0.749972 1
4.8857 1.0187 4.8343 4.9371 1 1.0187
5.8857 0.91582 5.8343 5.9371 0.91582 1
EOD
$p0_std << EOD
0.0000 2.37888 -0.0514 0.0514 1 2.37888
1.0000 3.53808 0.9486 1.0514 1 3.53808
2.0000 1.0633 1.9486 2.0514 1 1.0633
3.0000 2.77066 2.9486 3.0514 1 2.77066
4.0000 3.67395 3.9486 4.0514 1 3.67395
5.0000 6.44195 4.9486 5.0514 1 6.44195
6.0000 0.913811 5.9486 6.0514 0.913811 1
EOD
$p0_glib << EOD
0.1143 1.38534 0.0629 0.1657 1 1.38534
2.1143 1.09131 2.0629 2.1657 1 1.09131
3.1143 2.14899 3.0629 3.1657 1 2.14899
4.1143 1.81853 4.0629 4.1657 1 1.81853
5.1143 2.37134 5.0629 5.1657 1 2.37134
6.1143 0.862164 6.0629 6.1657 0.862164 1
EOD
$p0_uthash << EOD
0.2286 3.65012 0.1771 0.2800 1 3.65012
2.2286 3.39812 2.1771 2.2800 1 3.39812
3.2286 7.05351 3.1771 3.2800 1 7.05351
4.2286 8.73894 4.1771 4.2800 1 8.73894
5.2286 1.84886 5.1771 5.2800 1 1.84886
6.2286 2.28025 6.1771 6.2800 1 2.28025
EOD
$p0_stb << EOD
0.3429 1.24581 0.2914 0.3943 1 1.24581
2.3429 2.80344 2.2914 2.3943 1 2.80344
3.3429 4.13713 3.2914 3.3943 1 4.13713
4.3429 5.34473 4.2914 4.3943 1 5.34473
5.3429 0.250988 5.2914 5.3943 0.250988 1
6.3429 1.29288 6.2914 6.3943 1 1.29288
EOD
$p1_gomap_generic << EOD
-0.3429 1.04432 -0.3943 -0.2914 1 1.04432
0.6571 1.25168 0.6057 0.7086 1 1.25168
1.6571 1.06749 1.6057 1.7086 1 1.06749
2.6571 1.03462 2.6057 2.7086 1 1.03462
3.6571 1.11669 3.6057 3.7086 1 1.11669
4.6571 1.06801 4.6057 4.7086 1 1.06801
5.6571 0.992207 5.6057 5.7086 0.992207 1
EOD
$p1_go << EOD
-0.2286 2.60471 -0.2800 -0.1771 1 2.60471
0.7714 2.24883 0.7200 0.8229 1 2.24883
1.7714 1.64987 1.7200 1.8229 1 1.64987
2.7714 2.73894 2.7200 2.8229 1 2.73894
3.7714 1.77829 3.7200 3.8229 1 1.77829
4.7714 1.69642 4.7200 4.8229 1 1.69642
5.7714 1.0222 5.7200 5.8229 1 1.0222
EOD
$p1_absl << EOD
-0.1143 0.930425 -0.1657 -0.0629 0.930425 1
0.8857 1.23329 0.8343 0.9371 1 1.23329
1.8857 1.11915 1.8343 1.9371 1 1.11915
2.8857 1.08081 2.8343 2.9371 1 1.08081
3.8857 1.14224 3.8343 3.9371 1 1.14224
4.8857 1.04355 4.8343 4.9371 1 1.04355
5.8857 0.933837 5.8343 5.9371 0.933837 1
EOD
$p1_std << EOD
0.0000 1.51205 -0.0514 0.0514 1 1.51205
1.0000 3.20198 0.9486 1.0514 1 3.20198
2.0000 2.24815 1.9486 2.0514 1 2.24815
3.0000 5.82006 2.9486 3.0514 1 5.82006
4.0000 4.03943 3.9486 4.0514 1 4.03943
5.0000 14.2944 4.9486 5.0514 1 14.2944
6.0000 0.911806 5.9486 6.0514 0.911806 1
EOD
$p1_glib << EOD
0.1143 0.787123 0.0629 0.1657 0.787123 1
2.1143 1.46023 2.0629 2.1657 1 1.46023
3.1143 2.05829 3.0629 3.1657 1 2.05829
4.1143 1.54679 4.0629 4.1657 1 1.54679
5.1143 2.10699 5.0629 5.1657 1 2.10699
6.1143 0.566094 6.0629 6.1657 0.566094 1
EOD
$p1_uthash << EOD
0.2286 2.11601 0.1771 0.2800 1 2.11601
2.2286 3.52524 2.1771 2.2800 1 3.52524
3.2286 7.7115 3.1771 3.2800 1 7.7115
4.2286 4.70222 4.1771 4.2800 1 4.70222
5.2286 1.54362 5.1771 5.2800 1 1.54362
6.2286 1.08467 6.1771 6.2800 1 1.08467
EOD
$p1_stb << EOD
0.3429 0.616387 0.2914 0.3943 0.616387 1
2.3429 2.29227 2.2914 2.3943 1 2.29227
3.3429 2.93047 3.2914 3.3943 1 2.93047
4.3429 3.93026 4.2914 4.3943 1 3.93026
5.3429 0.236792 5.2914 5.3943 0.236792 1
6.3429 0.67917 6.2914 6.3943 0.67917 1
EOD
$p2_gomap << EOD
-0.3500 76.885 -0.3950 -0.3050 10 76.885
EOD
$p2_gomap_generic << EOD
-0.2500 80.769 -0.2950 -0.2050 10 80.769
EOD
$p2_go << EOD
-0.1500 1410.82 -0.1950 -0.1050 10 1410.82
EOD
$p2_absl << EOD
-0.0500 20086.2 -0.0950 -0.0050 10 20086.2
EOD
$p2_std << EOD
0.0500 54748.9 0.0050 0.0950 10 54748.9
EOD
$p2_glib << EOD
0.1500 33055.3 0.1050 0.1950 10 33055.3
EOD
$p2_uthash << EOD
0.2500 56404.7 0.2050 0.2950 10 56404.7
EOD
$p2_stb << EOD
0.3500 19184.7 0.3050 0.3950 10 19184.7
EOD
$p3_gomap << EOD
-0.3500 1862.44 -0.3950 -0.3050 0 1862.44
0.6500 871.13 0.6050 0.6950 0 871.13
EOD
$p3_gomap_generic << EOD
-0.2500 2238.13 -0.2950 -0.2050 0 2238.13
0.7500 1176.01 0.7050 0.7950 0 1176.01
EOD
$p3_go << EOD
-0.1500 5677.35 -0.1950 -0.1050 0 5677.35
0.8500 3292.09 0.8050 0.8950 0 3292.09
EOD
$p3_absl << EOD
-0.0500 1889.53 -0.0950 -0.0050 0 1889.53
0.9500 800.129 0.9050 0.9950 0 800.129
EOD
$p3_std << EOD
0.0500 3204.55 0.0050 0.0950 0 3204.55
1.0500 2822.7 1.0050 1.0950 0 2822.7
EOD
$p3_glib << EOD
0.1500 2695.3 0.1050 0.1950 0 2695.3
EOD
$p3_uthash << EOD
0.2500 2454.21 0.2050 0.2950 0 2454.21
EOD
$p3_stb << EOD
0.3500 5240.1 0.3050 0.3950 0 5240.1
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T14:57:43Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.179277:12.2345]
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
set yrange [0.169137:20.0122]
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
set yrange [10:112809]
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
set yrange [0:6528.95]
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
