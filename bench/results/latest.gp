set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.09307 -0.3943 -0.2914 1 1.09307
0.6571 1.52417 0.6057 0.7086 1 1.52417
1.6571 1.17717 1.6057 1.7086 1 1.17717
2.6571 1.07155 2.6057 2.7086 1 1.07155
3.6571 1.05067 3.6057 3.7086 1 1.05067
4.6571 1.01795 4.6057 4.7086 1 1.01795
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.95663 -0.2800 -0.1771 1 2.95663
0.7714 3.76411 0.7200 0.8229 1 3.76411
1.7714 1.57745 1.7200 1.8229 1 1.57745
2.7714 2.08247 2.7200 2.8229 1 2.08247
3.7714 1.39438 3.7200 3.8229 1 1.39438
4.7714 1.73015 4.7200 4.8229 1 1.73015
5.7714 1.03122 5.7200 5.8229 1 1.03122
EOD
$p0_absl << EOD
-0.1143 0.796729 -0.1657 -0.0629 0.796729 1
0.8857 1.36224 0.8343 0.9371 1 1.36224
1.8857 0.697677 1.8343 1.9371 0.697677 1
2.8857 0.529403 2.8343 2.9371 0.529403 1
3.8857 0.692626 3.8343 3.9371 0.692626 1
4.8857 1.00091 4.8343 4.9371 1 1.00091
5.8857 0.91582 5.8343 5.9371 0.91582 1
EOD
$p0_std << EOD
0.0000 2.69044 -0.0514 0.0514 1 2.69044
1.0000 6.31485 0.9486 1.0514 1 6.31485
2.0000 1.05264 1.9486 2.0514 1 1.05264
3.0000 3.09162 2.9486 3.0514 1 3.09162
4.0000 3.8567 3.9486 4.0514 1 3.8567
5.0000 8.72023 4.9486 5.0514 1 8.72023
6.0000 0.913811 5.9486 6.0514 0.913811 1
EOD
$p0_glib << EOD
0.1143 1.49375 0.0629 0.1657 1 1.49375
2.1143 1.02163 2.0629 2.1657 1 1.02163
3.1143 2.20879 3.0629 3.1657 1 2.20879
4.1143 1.70892 4.0629 4.1657 1 1.70892
5.1143 2.2486 5.0629 5.1657 1 2.2486
6.1143 0.862164 6.0629 6.1657 0.862164 1
EOD
$p0_uthash << EOD
0.2286 4.1421 0.1771 0.2800 1 4.1421
2.2286 3.19747 2.1771 2.2800 1 3.19747
3.2286 7.60559 3.1771 3.2800 1 7.60559
4.2286 7.49142 4.1771 4.2800 1 7.49142
5.2286 1.54621 5.1771 5.2800 1 1.54621
6.2286 2.28025 6.1771 6.2800 1 2.28025
EOD
$p0_stb << EOD
0.3429 1.39003 0.2914 0.3943 1 1.39003
2.3429 2.80211 2.2914 2.3943 1 2.80211
3.3429 4.55082 3.2914 3.3943 1 4.55082
4.3429 4.96585 4.2914 4.3943 1 4.96585
5.3429 0.234026 5.2914 5.3943 0.234026 1
6.3429 1.29288 6.2914 6.3943 1 1.29288
EOD
$p1_gomap_generic << EOD
-0.3429 1.02999 -0.3943 -0.2914 1 1.02999
0.6571 3.19919 0.6057 0.7086 1 3.19919
1.6571 1.27445 1.6057 1.7086 1 1.27445
2.6571 1.01026 2.6057 2.7086 1 1.01026
3.6571 1.01152 3.6057 3.7086 1 1.01152
4.6571 0.974808 4.6057 4.7086 0.974808 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 3.74336 -0.2800 -0.1771 1 3.74336
0.7714 4.22514 0.7200 0.8229 1 4.22514
1.7714 1.82008 1.7200 1.8229 1 1.82008
2.7714 3.0413 2.7200 2.8229 1 3.0413
3.7714 1.7229 3.7200 3.8229 1 1.7229
4.7714 1.63388 4.7200 4.8229 1 1.63388
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 0.979613 -0.1657 -0.0629 0.979613 1
0.8857 2.04492 0.8343 0.9371 1 2.04492
1.8857 1.13617 1.8343 1.9371 1 1.13617
2.8857 1.16522 2.8343 2.9371 1 1.16522
3.8857 1.09473 3.8343 3.9371 1 1.09473
4.8857 0.95757 4.8343 4.9371 0.95757 1
5.8857 0.941172 5.8343 5.9371 0.941172 1
EOD
$p1_std << EOD
0.0000 1.81726 -0.0514 0.0514 1 1.81726
1.0000 5.5859 0.9486 1.0514 1 5.5859
2.0000 2.30058 1.9486 2.0514 1 2.30058
3.0000 5.89463 2.9486 3.0514 1 5.89463
4.0000 3.7607 3.9486 4.0514 1 3.7607
5.0000 12.8023 4.9486 5.0514 1 12.8023
6.0000 0.918968 5.9486 6.0514 0.918968 1
EOD
$p1_glib << EOD
0.1143 0.850752 0.0629 0.1657 0.850752 1
2.1143 1.55985 2.0629 2.1657 1 1.55985
3.1143 2.18996 3.0629 3.1657 1 2.18996
4.1143 1.55749 4.0629 4.1657 1 1.55749
5.1143 2.03062 5.0629 5.1657 1 2.03062
6.1143 0.57054 6.0629 6.1657 0.57054 1
EOD
$p1_uthash << EOD
0.2286 2.36896 0.1771 0.2800 1 2.36896
2.2286 3.45749 2.1771 2.2800 1 3.45749
3.2286 7.77831 3.1771 3.2800 1 7.77831
4.2286 4.31114 4.1771 4.2800 1 4.31114
5.2286 1.35683 5.1771 5.2800 1 1.35683
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.700444 0.2914 0.3943 0.700444 1
2.3429 2.32819 2.2914 2.3943 1 2.32819
3.3429 3.10131 3.2914 3.3943 1 3.10131
4.3429 3.86807 4.2914 4.3943 1 3.86807
5.3429 0.208688 5.2914 5.3943 0.208688 1
6.3429 0.684505 6.2914 6.3943 0.684505 1
EOD
$p2_gomap << EOD
-0.3500 77.951 -0.3950 -0.3050 10 77.951
EOD
$p2_gomap_generic << EOD
-0.2500 99.062 -0.2950 -0.2050 10 99.062
EOD
$p2_go << EOD
-0.1500 12397.1 -0.1950 -0.1050 10 12397.1
EOD
$p2_absl << EOD
-0.0500 23158.8 -0.0950 -0.0050 10 23158.8
EOD
$p2_std << EOD
0.0500 67526.2 0.0050 0.0950 10 67526.2
EOD
$p2_glib << EOD
0.1500 37080.6 0.1050 0.1950 10 37080.6
EOD
$p2_uthash << EOD
0.2500 61118 0.2050 0.2950 10 61118
EOD
$p2_stb << EOD
0.3500 21659.6 0.3050 0.3950 10 21659.6
EOD
$p3_gomap << EOD
-0.3500 2198.21 -0.3950 -0.3050 0 2198.21
0.6500 982.09 0.6050 0.6950 0 982.09
EOD
$p3_gomap_generic << EOD
-0.2500 2465.34 -0.2950 -0.2050 0 2465.34
0.7500 1287.17 0.7050 0.7950 0 1287.17
EOD
$p3_go << EOD
-0.1500 6651.21 -0.1950 -0.1050 0 6651.21
0.8500 3774.63 0.8050 0.8950 0 3774.63
EOD
$p3_absl << EOD
-0.0500 2040.62 -0.0950 -0.0050 0 2040.62
0.9500 879.173 0.9050 0.9950 0 879.173
EOD
$p3_std << EOD
0.0500 3652.92 0.0050 0.0950 0 3652.92
1.0500 3177.56 1.0050 1.0950 0 3177.56
EOD
$p3_glib << EOD
0.1500 3035.81 0.1050 0.1950 0 3035.81
EOD
$p3_uthash << EOD
0.2500 2773.52 0.2050 0.2950 0 2773.52
EOD
$p3_stb << EOD
0.3500 5706.81 0.3050 0.3950 0 5706.81
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T16:55:38Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.167161:12.2083]
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
set yrange [0.149063:17.9232]
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
set yrange [10:135052]
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
set yrange [0:7648.89]
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
