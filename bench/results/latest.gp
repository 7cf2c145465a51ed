set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.05282 -0.3943 -0.2914 1 1.05282
0.6571 1.43564 0.6057 0.7086 1 1.43564
1.6571 1.19781 1.6057 1.7086 1 1.19781
2.6571 1.08608 2.6057 2.7086 1 1.08608
3.6571 1.22929 3.6057 3.7086 1 1.22929
4.6571 0.958037 4.6057 4.7086 0.958037 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.5061 -0.2800 -0.1771 1 2.5061
0.7714 2.64952 0.7200 0.8229 1 2.64952
1.7714 1.48984 1.7200 1.8229 1 1.48984
2.7714 2.17155 2.7200 2.8229 1 2.17155
3.7714 1.34686 3.7200 3.8229 1 1.34686
4.7714 1.64627 4.7200 4.8229 1 1.64627
5.7714 1.03126 5.7200 5.8229 1 1.03126
EOD
$p0_absl << EOD
-0.1143 0.742237 -0.1657 -0.0629 0.742237 1
0.8857 0.874433 0.8343 0.9371 0.874433 1
1.8857 0.640981 1.8343 1.9371 0.640981 1
2.8857 0.513856 2.8343 2.9371 0.513856 1
3.8857 0.653961 3.8343 3.9371 0.653961 1
4.8857 0.966759 4.8343 4.9371 0.966759 1
5.8857 0.91582 5.8343 5.9371 0.91582 1
EOD
$p0_std << EOD
0.0000 2.88386 -0.0514 0.0514 1 2.88386
1.0000 4.51926 0.9486 1.0514 1 4.51926
2.0000 1.02167 1.9486 2.0514 1 1.02167
3.0000 2.97371 2.9486 3.0514 1 2.97371
4.0000 3.80862 3.9486 4.0514 1 3.80862
5.0000 9.68198 4.9486 5.0514 1 9.68198
6.0000 0.913811 5.9486 6.0514 0.913811 1
EOD
$p0_glib << EOD
0.1143 1.3747 0.0629 0.1657 1 1.3747
2.1143 0.977093 2.0629 2.1657 0.977093 1
3.1143 2.07925 3.0629 3.1657 1 2.07925
4.1143 1.71162 4.0629 4.1657 1 1.71162
5.1143 2.19992 5.0629 5.1657 1 2.19992
6.1143 0.862164 6.0629 6.1657 0.862164 1
EOD
$p0_uthash << EOD
0.2286 3.99354 0.1771 0.2800 1 3.99354
2.2286 3.09528 2.1771 2.2800 1 3.09528
3.2286 7.44601 3.1771 3.2800 1 7.44601
4.2286 7.56535 4.1771 4.2800 1 7.56535
5.2286 1.71593 5.1771 5.2800 1 1.71593
6.2286 2.28025 6.1771 6.2800 1 2.28025
EOD
$p0_stb << EOD
0.3429 1.27052 0.2914 0.3943 1 1.27052
2.3429 2.63275 2.2914 2.3943 1 2.63275
3.3429 4.56843 3.2914 3.3943 1 4.56843
4.3429 4.90256 4.2914 4.3943 1 4.90256
5.3429 0.240863 5.2914 5.3943 0.240863 1
6.3429 1.29288 6.2914 6.3943 1 1.29288
EOD
$p1_gomap_generic << EOD
-0.3429 1.08007 -0.3943 -0.2914 1 1.08007
0.6571 1.29695 0.6057 0.7086 1 1.29695
1.6571 1.11594 1.6057 1.7086 1 1.11594
2.6571 1.05286 2.6057 2.7086 1 1.05286
3.6571 1.07575 3.6057 3.7086 1 1.07575
4.6571 1.01394 4.6057 4.7086 1 1.01394
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 3.26055 -0.2800 -0.1771 1 3.26055
0.7714 2.30837 0.7200 0.8229 1 2.30837
1.7714 1.89356 1.7200 1.8229 1 1.89356
2.7714 3.0424 2.7200 2.8229 1 3.0424
3.7714 1.7057 3.7200 3.8229 1 1.7057
4.7714 1.655 4.7200 4.8229 1 1.655
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 0.983136 -0.1657 -0.0629 0.983136 1
0.8857 1.23939 0.8343 0.9371 1 1.23939
1.8857 1.18319 1.8343 1.9371 1 1.18319
2.8857 1.19872 2.8343 2.9371 1 1.19872
3.8857 1.07255 3.8343 3.9371 1 1.07255
4.8857 0.967297 4.8343 4.9371 0.967297 1
5.8857 0.941172 5.8343 5.9371 0.941172 1
EOD
$p1_std << EOD
0.0000 1.94752 -0.0514 0.0514 1 1.94752
1.0000 3.62509 0.9486 1.0514 1 3.62509
2.0000 2.43721 1.9486 2.0514 1 2.43721
3.0000 5.88644 2.9486 3.0514 1 5.88644
4.0000 3.53757 3.9486 4.0514 1 3.53757
5.0000 13.2053 4.9486 5.0514 1 13.2053
6.0000 0.918968 5.9486 6.0514 0.918968 1
EOD
$p1_glib << EOD
0.1143 0.780951 0.0629 0.1657 0.780951 1
2.1143 1.71411 2.0629 2.1657 1 1.71411
3.1143 2.09247 3.0629 3.1657 1 2.09247
4.1143 1.49736 4.0629 4.1657 1 1.49736
5.1143 1.9543 5.0629 5.1657 1 1.9543
6.1143 0.57054 6.0629 6.1657 0.57054 1
EOD
$p1_uthash << EOD
0.2286 2.28095 0.1771 0.2800 1 2.28095
2.2286 3.52362 2.1771 2.2800 1 3.52362
3.2286 7.42161 3.1771 3.2800 1 7.42161
4.2286 4.17875 4.1771 4.2800 1 4.17875
5.2286 1.45861 5.1771 5.2800 1 1.45861
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.646424 0.2914 0.3943 0.646424 1
2.3429 2.4689 2.2914 2.3943 1 2.4689
3.3429 3.42635 3.2914 3.3943 1 3.42635
4.3429 3.8809 4.2914 4.3943 1 3.8809
5.3429 0.210905 5.2914 5.3943 0.210905 1
6.3429 0.684505 6.2914 6.3943 0.684505 1
EOD
$p2_gomap << EOD
-0.3500 96.344 -0.3950 -0.3050 10 96.344
EOD
$p2_gomap_generic << EOD
-0.2500 86.064 -0.2950 -0.2050 10 86.064
EOD
$p2_go << EOD
-0.1500 1437.92 -0.1950 -0.1050 10 1437.92
EOD
$p2_absl << EOD
-0.0500 22225.6 -0.0950 -0.0050 10 22225.6
EOD
$p2_std << EOD
0.0500 68083.6 0.0050 0.0950 10 68083.6
EOD
$p2_glib << EOD
0.1500 37950.3 0.1050 0.1950 10 37950.3
EOD
$p2_uthash << EOD
0.2500 60327.5 0.2050 0.2950 10 60327.5
EOD
$p2_stb << EOD
0.3500 21793.3 0.3050 0.3950 10 21793.3
EOD
$p3_gomap << EOD
-0.3500 2113.88 -0.3950 -0.3050 0 2113.88
0.6500 948.781 0.6050 0.6950 0 948.781
EOD
$p3_gomap_generic << EOD
-0.2500 2297.73 -0.2950 -0.2050 0 2297.73
0.7500 1257.57 0.7050 0.7950 0 1257.57
EOD
$p3_go << EOD
-0.1500 6190.18 -0.1950 -0.1050 0 6190.18
0.8500 3597.44 0.8050 0.8950 0 3597.44
EOD
$p3_absl << EOD
-0.0500 1954.07 -0.0950 -0.0050 0 1954.07
0.9500 848.882 0.9050 0.9950 0 848.882
EOD
$p3_std << EOD
0.0500 3494.28 0.0050 0.0950 0 3494.28
1.0500 3108.2 1.0050 1.0950 0 3108.2
EOD
$p3_glib << EOD
0.1500 2989.61 0.1050 0.1950 0 2989.61
EOD
$p3_uthash << EOD
0.2500 2701.51 0.2050 0.2950 0 2701.51
EOD
$p3_stb << EOD
0.3500 5589.66 0.3050 0.3950 0 5589.66
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T15:54:03Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.172045:13.5548]
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
set yrange [0.150646:18.4874]
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
set yrange [10:136167]
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
set yrange [0:7118.7]
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
