set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.23392 -0.3943 -0.2914 1 1.23392
0.6571 1.58281 0.6057 0.7086 1 1.58281
1.6571 1.18288 1.6057 1.7086 1 1.18288
2.6571 1.17045 2.6057 2.7086 1 1.17045
3.6571 1.36287 3.6057 3.7086 1 1.36287
4.6571 0.9683 4.6057 4.7086 0.9683 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.1743 -0.2800 -0.1771 1 3.1743
0.7714 2.91929 0.7200 0.8229 1 2.91929
1.7714 1.93888 1.7200 1.8229 1 1.93888
2.7714 2.691 2.7200 2.8229 1 2.691
3.7714 1.6094 3.7200 3.8229 1 1.6094
4.7714 1.80025 4.7200 4.8229 1 1.80025
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.861072 -0.1657 -0.0629 0.861072 1
0.8857 1.5588 0.8343 0.9371 1 1.5588
1.8857 0.730771 1.8343 1.9371 0.730771 1
2.8857 0.531343 2.8343 2.9371 0.531343 1
3.8857 0.783232 3.8343 3.9371 0.783232 1
4.8857 1.00443 4.8343 4.9371 1 1.00443
5.8857 0.915834 5.8343 5.9371 0.915834 1
EOD
$p0_std << EOD
0.0000 3.47292 -0.0514 0.0514 1 3.47292
1.0000 8.77714 0.9486 1.0514 1 8.77714
2.0000 1.20946 1.9486 2.0514 1 1.20946
3.0000 3.21734 2.9486 3.0514 1 3.21734
4.0000 4.40516 3.9486 4.0514 1 4.40516
5.0000 10.2825 4.9486 5.0514 1 10.2825
6.0000 0.913825 5.9486 6.0514 0.913825 1
EOD
$p0_glib << EOD
0.1143 1.64369 0.0629 0.1657 1 1.64369
2.1143 1.13521 2.0629 2.1657 1 1.13521
3.1143 2.10699 3.0629 3.1657 1 2.10699
4.1143 1.87507 4.0629 4.1657 1 1.87507
5.1143 2.31408 5.0629 5.1657 1 2.31408
6.1143 0.862177 6.0629 6.1657 0.862177 1
EOD
$p0_uthash << EOD
0.2286 4.57022 0.1771 0.2800 1 4.57022
2.2286 3.73042 2.1771 2.2800 1 3.73042
3.2286 7.97545 3.1771 3.2800 1 7.97545
4.2286 8.22478 4.1771 4.2800 1 8.22478
5.2286 1.78497 5.1771 5.2800 1 1.78497
6.2286 2.28029 6.1771 6.2800 1 2.28029
EOD
$p0_stb << EOD
0.3429 1.80761 0.2914 0.3943 1 1.80761
2.3429 3.2162 2.2914 2.3943 1 3.2162
3.3429 5.01873 3.2914 3.3943 1 5.01873
4.3429 5.91732 4.2914 4.3943 1 5.91732
5.3429 0.250067 5.2914 5.3943 0.250067 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 0.98623 -0.3943 -0.2914 0.98623 1
0.6571 1.21432 0.6057 0.7086 1 1.21432
1.6571 1.16676 1.6057 1.7086 1 1.16676
2.6571 1.07848 2.6057 2.7086 1 1.07848
3.6571 1.00814 3.6057 3.7086 1 1.00814
4.6571 1.02203 4.6057 4.7086 1 1.02203
5.6571 0.992207 5.6057 5.7086 0.992207 1
EOD
$p1_go << EOD
-0.2286 3.46647 -0.2800 -0.1771 1 3.46647
0.7714 1.50049 0.7200 0.8229 1 1.50049
1.7714 1.89774 1.7200 1.8229 1 1.89774
2.7714 2.85272 2.7200 2.8229 1 2.85272
3.7714 1.63421 3.7200 3.8229 1 1.63421
4.7714 1.73144 4.7200 4.8229 1 1.73144
5.7714 1.02221 5.7200 5.8229 1 1.02221
EOD
$p1_absl << EOD
-0.1143 0.984235 -0.1657 -0.0629 0.984235 1
0.8857 1.37659 0.8343 0.9371 1 1.37659
1.8857 1.20752 1.8343 1.9371 1 1.20752
2.8857 1.15291 2.8343 2.9371 1 1.15291
3.8857 1.07863 3.8343 3.9371 1 1.07863
4.8857 1.04183 4.8343 4.9371 1 1.04183
5.8857 0.933844 5.8343 5.9371 0.933844 1
EOD
$p1_std << EOD
0.0000 1.80506 -0.0514 0.0514 1 1.80506
1.0000 3.70144 0.9486 1.0514 1 3.70144
2.0000 2.41094 1.9486 2.0514 1 2.41094
3.0000 5.56388 2.9486 3.0514 1 5.56388
4.0000 3.42767 3.9486 4.0514 1 3.42767
5.0000 13.816 4.9486 5.0514 1 13.816
6.0000 0.911813 5.9486 6.0514 0.911813 1
EOD
$p1_glib << EOD
0.1143 0.737457 0.0629 0.1657 0.737457 1
2.1143 1.65948 2.0629 2.1657 1 1.65948
3.1143 1.94045 3.0629 3.1657 1 1.94045
4.1143 1.58908 4.0629 4.1657 1 1.58908
5.1143 2.15663 5.0629 5.1657 1 2.15663
6.1143 0.566098 6.0629 6.1657 0.566098 1
EOD
$p1_uthash << EOD
0.2286 2.31303 0.1771 0.2800 1 2.31303
2.2286 3.59359 2.1771 2.2800 1 3.59359
3.2286 7.16977 3.1771 3.2800 1 7.16977
4.2286 4.10515 4.1771 4.2800 1 4.10515
5.2286 1.59068 5.1771 5.2800 1 1.59068
6.2286 1.08468 6.1771 6.2800 1 1.08468
EOD
$p1_stb << EOD
0.3429 0.626428 0.2914 0.3943 0.626428 1
2.3429 2.40131 2.2914 2.3943 1 2.40131
3.3429 3.09161 3.2914 3.3943 1 3.09161
4.3429 3.77272 4.2914 4.3943 1 3.77272
5.3429 0.216826 5.2914 5.3943 0.216826 1
6.3429 0.679175 6.2914 6.3943 0.679175 1
EOD
$p2_gomap << EOD
-0.3500 273.471 -0.3950 -0.3050 100 273.471
EOD
$p2_gomap_generic << EOD
-0.2500 190.998 -0.2950 -0.2050 100 190.998
EOD
$p2_go << EOD
-0.1500 19230.1 -0.1950 -0.1050 100 19230.1
EOD
$p2_absl << EOD
-0.0500 23849.9 -0.0950 -0.0050 100 23849.9
EOD
$p2_std << EOD
0.0500 71575.2 0.0050 0.0950 100 71575.2
EOD
$p2_glib << EOD
0.1500 39869.6 0.1050 0.1950 100 39869.6
EOD
$p2_uthash << EOD
0.2500 63728 0.2050 0.2950 100 63728
EOD
$p2_stb << EOD
0.3500 23570.4 0.3050 0.3950 100 23570.4
EOD
$p3_gomap << EOD
-0.3500 1919.44 -0.3950 -0.3050 0 1919.44
0.6500 929.761 0.6050 0.6950 0 929.761
EOD
$p3_gomap_generic << EOD
-0.2500 2584.29 -0.2950 -0.2050 0 2584.29
0.7500 1423.46 0.7050 0.7950 0 1423.46
EOD
$p3_go << EOD
-0.1500 6862.1 -0.1950 -0.1050 0 6862.1
0.8500 3777.06 0.8050 0.8950 0 3777.06
EOD
$p3_absl << EOD
-0.0500 2123 -0.0950 -0.0050 0 2123
0.9500 936.728 0.9050 0.9950 0 936.728
EOD
$p3_std << EOD
0.0500 3800.35 0.0050 0.0950 0 3800.35
1.0500 3196.91 1.0050 1.0950 0 3196.91
EOD
$p3_glib << EOD
0.1500 3458.36 0.1050 0.1950 0 3458.36
EOD
$p3_uthash << EOD
0.2500 2768.56 0.2050 0.2950 0 2768.56
EOD
$p3_stb << EOD
0.3500 5958.6 0.3050 0.3950 0 5958.6
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T20:46:08Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.178619:14.3955]
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
set yrange [0.154876:19.3424]
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
set yrange [100:143150]
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
set yrange [0:7891.42]
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
