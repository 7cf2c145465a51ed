set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.1332 -0.3943 -0.2914 1 1.1332
0.6571 1.88475 0.6057 0.7086 1 1.88475
1.6571 1.33692 1.6057 1.7086 1 1.33692
2.6571 1.05445 2.6057 2.7086 1 1.05445
3.6571 1.38623 3.6057 3.7086 1 1.38623
4.6571 1.00985 4.6057 4.7086 1 1.00985
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 2.98295 -0.2800 -0.1771 1 2.98295
0.7714 3.57659 0.7200 0.8229 1 3.57659
1.7714 1.60896 1.7200 1.8229 1 1.60896
2.7714 4.44324 2.7200 2.8229 1 4.44324
3.7714 1.49648 3.7200 3.8229 1 1.49648
4.7714 1.52266 4.7200 4.8229 1 1.52266
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.770885 -0.1657 -0.0629 0.770885 1
0.8857 1.26349 0.8343 0.9371 1 1.26349
1.8857 0.717326 1.8343 1.9371 0.717326 1
2.8857 0.583987 2.8343 2.9371 0.583987 1
3.8857 0.855109 3.8343 3.9371 0.855109 1
4.8857 0.708429 4.8343 4.9371 0.708429 1
5.8857 0.915834 5.8343 5.9371 0.915834 1
EOD
$p0_std << EOD
0.0000 3.0218 -0.0514 0.0514 1 3.0218
1.0000 7.68456 0.9486 1.0514 1 7.68456
2.0000 1.11481 1.9486 2.0514 1 1.11481
3.0000 3.73506 2.9486 3.0514 1 3.73506
4.0000 4.53211 3.9486 4.0514 1 4.53211
5.0000 13.7586 4.9486 5.0514 1 13.7586
6.0000 0.913825 5.9486 6.0514 0.913825 1
EOD
$p0_glib << EOD
0.1143 1.23931 0.0629 0.1657 1 1.23931
2.1143 1.33708 2.0629 2.1657 1 1.33708
3.1143 1.9962 3.0629 3.1657 1 1.9962
4.1143 1.61015 4.0629 4.1657 1 1.61015
5.1143 1.87215 5.0629 5.1657 1 1.87215
6.1143 0.862177 6.0629 6.1657 0.862177 1
EOD
$p0_uthash << EOD
0.2286 5.58336 0.1771 0.2800 1 5.58336
2.2286 3.17948 2.1771 2.2800 1 3.17948
3.2286 8.96637 3.1771 3.2800 1 8.96637
4.2286 5.82937 4.1771 4.2800 1 5.82937
5.2286 0.446666 5.1771 5.2800 0.446666 1
6.2286 2.28029 6.1771 6.2800 1 2.28029
EOD
$p0_stb << EOD
0.3429 1.43595 0.2914 0.3943 1 1.43595
2.3429 3.36038 2.2914 2.3943 1 3.36038
3.3429 5.54091 3.2914 3.3943 1 5.54091
4.3429 4.43387 4.2914 4.3943 1 4.43387
5.3429 0.0989936 5.2914 5.3943 0.0989936 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.02122 -0.3943 -0.2914 1 1.02122
0.6571 1.31965 0.6057 0.7086 1 1.31965
1.6571 1.24916 1.6057 1.7086 1 1.24916
2.6571 1.06117 2.6057 2.7086 1 1.06117
3.6571 1.16728 3.6057 3.7086 1 1.16728
4.6571 0.986115 4.6057 4.7086 0.986115 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.42347 -0.2800 -0.1771 1 2.42347
0.7714 1.52995 0.7200 0.8229 1 1.52995
1.7714 1.78632 1.7200 1.8229 1 1.78632
2.7714 3.58177 2.7200 2.8229 1 3.58177
3.7714 2.0066 3.7200 3.8229 1 2.0066
4.7714 1.51288 4.7200 4.8229 1 1.51288
5.7714 1.03024 5.7200 5.8229 1 1.03024
EOD
$p1_absl << EOD
-0.1143 0.981406 -0.1657 -0.0629 0.981406 1
0.8857 1.25547 0.8343 0.9371 1 1.25547
1.8857 1.1509 1.8343 1.9371 1 1.1509
2.8857 1.17724 2.8343 2.9371 1 1.17724
3.8857 1.22726 3.8343 3.9371 1 1.22726
4.8857 0.723799 4.8343 4.9371 0.723799 1
5.8857 0.941179 5.8343 5.9371 0.941179 1
EOD
$p1_std << EOD
0.0000 2.13767 -0.0514 0.0514 1 2.13767
1.0000 5.00998 0.9486 1.0514 1 5.00998
2.0000 2.47722 1.9486 2.0514 1 2.47722
3.0000 7.77578 2.9486 3.0514 1 7.77578
4.0000 5.03811 3.9486 4.0514 1 5.03811
5.0000 17.162 4.9486 5.0514 1 17.162
6.0000 0.918975 5.9486 6.0514 0.918975 1
EOD
$p1_glib << EOD
0.1143 0.550012 0.0629 0.1657 0.550012 1
2.1143 1.73636 2.0629 2.1657 1 1.73636
3.1143 2.71757 3.0629 3.1657 1 2.71757
4.1143 1.84076 4.0629 4.1657 1 1.84076
5.1143 1.892 5.0629 5.1657 1 1.892
6.1143 0.570545 6.0629 6.1657 0.570545 1
EOD
$p1_uthash << EOD
0.2286 2.14883 0.1771 0.2800 1 2.14883
2.2286 2.82805 2.1771 2.2800 1 2.82805
3.2286 11.17 3.1771 3.2800 1 11.17
4.2286 4.65533 4.1771 4.2800 1 4.65533
5.2286 0.453139 5.1771 5.2800 0.453139 1
6.2286 1.0932 6.1771 6.2800 1 1.0932
EOD
$p1_stb << EOD
0.3429 0.551684 0.2914 0.3943 0.551684 1
2.3429 2.62418 2.2914 2.3943 1 2.62418
3.3429 4.31881 3.2914 3.3943 1 4.31881
4.3429 4.49698 4.2914 4.3943 1 4.49698
5.3429 0.0990043 5.2914 5.3943 0.0990043 1
6.3429 0.68451 6.2914 6.3943 0.68451 1
EOD
$p2_gomap << EOD
-0.3500 313.255 -0.3950 -0.3050 100 313.255
EOD
$p2_gomap_generic << EOD
-0.2500 273.436 -0.2950 -0.2050 100 273.436
EOD
$p2_go << EOD
-0.1500 1534.14 -0.1950 -0.1050 100 1534.14
EOD
$p2_absl << EOD
-0.0500 23230.2 -0.0950 -0.0050 100 23230.2
EOD
$p2_std << EOD
0.0500 73364.6 0.0050 0.0950 100 73364.6
EOD
$p2_glib << EOD
0.1500 37180.4 0.1050 0.1950 100 37180.4
EOD
$p2_uthash << EOD
0.2500 70484.4 0.2050 0.2950 100 70484.4
EOD
$p2_stb << EOD
0.3500 19963.9 0.3050 0.3950 100 19963.9
EOD
$p3_gomap << EOD
-0.3500 1578.55 -0.3950 -0.3050 0 1578.55
0.6500 785.79 0.6050 0.6950 0 785.79
EOD
$p3_gomap_generic << EOD
-0.2500 2197.34 -0.2950 -0.2050 0 2197.34
0.7500 1339.25 0.7050 0.7950 0 1339.25
EOD
$p3_go << EOD
-0.1500 5378.73 -0.1950 -0.1050 0 5378.73
0.8500 3006.74 0.8050 0.8950 0 3006.74
EOD
$p3_absl << EOD
-0.0500 1883.8 -0.0950 -0.0050 0 1883.8
0.9500 766.32 0.9050 0.9950 0 766.32
EOD
$p3_std << EOD
0.0500 3795.63 0.0050 0.0950 0 3795.63
1.0500 3442.95 1.0050 1.0950 0 3442.95
EOD
$p3_glib << EOD
0.1500 2835.68 0.1050 0.1950 0 2835.68
EOD
$p3_uthash << EOD
0.2500 2820.49 0.2050 0.2950 0 2820.49
EOD
$p3_stb << EOD
0.3500 4480.23 0.3050 0.3950 0 4480.23
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-04T23:49:13Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
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
set yrange [0.0707097:19.262]
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
set yrange [0.0707174:24.0268]
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
set yrange [100:146729]
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
set yrange [0:6185.54]
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
