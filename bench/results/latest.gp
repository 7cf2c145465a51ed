set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.19474 -0.3943 -0.2914 1 1.19474
0.6571 2.33758 0.6057 0.7086 1 2.33758
1.6571 1.25934 1.6057 1.7086 1 1.25934
2.6571 1.07079 2.6057 2.7086 1 1.07079
3.6571 1.28592 3.6057 3.7086 1 1.28592
4.6571 0.971949 4.6057 4.7086 0.971949 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.54644 -0.2800 -0.1771 1 2.54644
0.7714 3.68822 0.7200 0.8229 1 3.68822
1.7714 1.62779 1.7200 1.8229 1 1.62779
2.7714 4.34622 2.7200 2.8229 1 4.34622
3.7714 1.4371 3.7200 3.8229 1 1.4371
4.7714 1.55875 4.7200 4.8229 1 1.55875
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.779861 -0.1657 -0.0629 0.779861 1
0.8857 1.42206 0.8343 0.9371 1 1.42206
1.8857 0.700019 1.8343 1.9371 0.700019 1
2.8857 0.570782 2.8343 2.9371 0.570782 1
3.8857 0.834437 3.8343 3.9371 0.834437 1
4.8857 0.712751 4.8343 4.9371 0.712751 1
5.8857 0.915834 5.8343 5.9371 0.915834 1
EOD
$p0_std << EOD
0.0000 3.18791 -0.0514 0.0514 1 3.18791
1.0000 8.81062 0.9486 1.0514 1 8.81062
2.0000 1.08731 1.9486 2.0514 1 1.08731
3.0000 3.52203 2.9486 3.0514 1 3.52203
4.0000 4.7268 3.9486 4.0514 1 4.7268
5.0000 13.8408 4.9486 5.0514 1 13.8408
6.0000 0.913825 5.9486 6.0514 0.913825 1
EOD
$p0_glib << EOD
0.1143 1.25402 0.0629 0.1657 1 1.25402
2.1143 1.30595 2.0629 2.1657 1 1.30595
3.1143 2.00391 3.0629 3.1657 1 2.00391
4.1143 1.51681 4.0629 4.1657 1 1.51681
5.1143 1.89077 5.0629 5.1657 1 1.89077
6.1143 0.862177 6.0629 6.1657 0.862177 1
EOD
$p0_uthash << EOD
0.2286 5.95292 0.1771 0.2800 1 5.95292
2.2286 2.96754 2.1771 2.2800 1 2.96754
3.2286 8.57051 3.1771 3.2800 1 8.57051
4.2286 5.60621 4.1771 4.2800 1 5.60621
5.2286 0.491089 5.1771 5.2800 0.491089 1
6.2286 2.28029 6.1771 6.2800 1 2.28029
EOD
$p0_stb << EOD
0.3429 1.44637 0.2914 0.3943 1 1.44637
2.3429 3.17303 2.2914 2.3943 1 3.17303
3.3429 5.26422 3.2914 3.3943 1 5.26422
4.3429 4.3416 4.2914 4.3943 1 4.3416
5.3429 0.105973 5.2914 5.3943 0.105973 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 0.981505 -0.3943 -0.2914 0.981505 1
0.6571 0.972925 0.6057 0.7086 0.972925 1
1.6571 1.17675 1.6057 1.7086 1 1.17675
2.6571 1.06083 2.6057 2.7086 1 1.06083
3.6571 1.24851 3.6057 3.7086 1 1.24851
4.6571 1.01052 4.6057 4.7086 1 1.01052
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.22057 -0.2800 -0.1771 1 2.22057
0.7714 1.54421 0.7200 0.8229 1 1.54421
1.7714 1.69489 1.7200 1.8229 1 1.69489
2.7714 3.50094 2.7200 2.8229 1 3.50094
3.7714 1.93439 3.7200 3.8229 1 1.93439
4.7714 1.50653 4.7200 4.8229 1 1.50653
5.7714 1.03024 5.7200 5.8229 1 1.03024
EOD
$p1_absl << EOD
-0.1143 0.993578 -0.1657 -0.0629 0.993578 1
0.8857 1.29516 0.8343 0.9371 1 1.29516
1.8857 1.04126 1.8343 1.9371 1 1.04126
2.8857 1.04762 2.8343 2.9371 1 1.04762
3.8857 1.14571 3.8343 3.9371 1 1.14571
4.8857 0.711786 4.8343 4.9371 0.711786 1
5.8857 0.941179 5.8343 5.9371 0.941179 1
EOD
$p1_std << EOD
0.0000 1.96227 -0.0514 0.0514 1 1.96227
1.0000 4.32189 0.9486 1.0514 1 4.32189
2.0000 2.32946 1.9486 2.0514 1 2.32946
3.0000 7.34405 2.9486 3.0514 1 7.34405
4.0000 4.65243 3.9486 4.0514 1 4.65243
5.0000 16.5339 4.9486 5.0514 1 16.5339
6.0000 0.918975 5.9486 6.0514 0.918975 1
EOD
$p1_glib << EOD
0.1143 0.532956 0.0629 0.1657 0.532956 1
2.1143 1.68201 2.0629 2.1657 1 1.68201
3.1143 2.51905 3.0629 3.1657 1 2.51905
4.1143 1.70411 4.0629 4.1657 1 1.70411
5.1143 1.84205 5.0629 5.1657 1 1.84205
6.1143 0.570545 6.0629 6.1657 0.570545 1
EOD
$p1_uthash << EOD
0.2286 1.82853 0.1771 0.2800 1 1.82853
2.2286 2.78345 2.1771 2.2800 1 2.78345
3.2286 10.358 3.1771 3.2800 1 10.358
4.2286 4.31234 4.1771 4.2800 1 4.31234
5.2286 0.460243 5.1771 5.2800 0.460243 1
6.2286 1.0932 6.1771 6.2800 1 1.0932
EOD
$p1_stb << EOD
0.3429 0.468133 0.2914 0.3943 0.468133 1
2.3429 2.49205 2.2914 2.3943 1 2.49205
3.3429 4.18056 3.2914 3.3943 1 4.18056
4.3429 4.43781 4.2914 4.3943 1 4.43781
5.3429 0.0991333 5.2914 5.3943 0.0991333 1
6.3429 0.68451 6.2914 6.3943 0.68451 1
EOD
$p2_gomap << EOD
-0.3500 272.335 -0.3950 -0.3050 100 272.335
EOD
$p2_gomap_generic << EOD
-0.2500 269.501 -0.2950 -0.2050 100 269.501
EOD
$p2_go << EOD
-0.1500 14140.6 -0.1950 -0.1050 100 14140.6
EOD
$p2_absl << EOD
-0.0500 23294 -0.0950 -0.0050 100 23294
EOD
$p2_std << EOD
0.0500 67337.3 0.0050 0.0950 100 67337.3
EOD
$p2_glib << EOD
0.1500 35905.5 0.1050 0.1950 100 35905.5
EOD
$p2_uthash << EOD
0.2500 68119.5 0.2050 0.2950 100 68119.5
EOD
$p2_stb << EOD
0.3500 19353.8 0.3050 0.3950 100 19353.8
EOD
$p3_gomap << EOD
-0.3500 1609.63 -0.3950 -0.3050 0 1609.63
0.6500 783.76 0.6050 0.6950 0 783.76
EOD
$p3_gomap_generic << EOD
-0.2500 2121.65 -0.2950 -0.2050 0 2121.65
0.7500 1346.84 0.7050 0.7950 0 1346.84
EOD
$p3_go << EOD
-0.1500 5400.81 -0.1950 -0.1050 0 5400.81
0.8500 2762.09 0.8050 0.8950 0 2762.09
EOD
$p3_absl << EOD
-0.0500 1897.74 -0.0950 -0.0050 0 1897.74
0.9500 845.075 0.9050 0.9950 0 845.075
EOD
$p3_std << EOD
0.0500 3786.69 0.0050 0.0950 0 3786.69
1.0500 3416.11 1.0050 1.0950 0 3416.11
EOD
$p3_glib << EOD
0.1500 2838.27 0.1050 0.1950 0 2838.27
EOD
$p3_uthash << EOD
0.2500 2809.14 0.2050 0.2950 0 2809.14
EOD
$p3_stb << EOD
0.3500 4471.24 0.3050 0.3950 0 4471.24
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-05T00:38:31Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
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
set yrange [0.075695:19.3771]
set format y "%gx"
set logscale y
set ytics (0.1, 0.2, 0.5, 1, 2, 5, 10)
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
set yrange [0.0708095:23.1475]
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
set yrange [100:136239]
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
set yrange [0:6210.93]
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
