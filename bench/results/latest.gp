set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.07696 -0.3943 -0.2914 1 1.07696
0.6571 1.45751 0.6057 0.7086 1 1.45751
1.6571 1.25727 1.6057 1.7086 1 1.25727
2.6571 1.09154 2.6057 2.7086 1 1.09154
3.6571 1.38795 3.6057 3.7086 1 1.38795
4.6571 0.932133 4.6057 4.7086 0.932133 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.29077 -0.2800 -0.1771 1 3.29077
0.7714 1.30898 0.7200 0.8229 1 1.30898
1.7714 1.62179 1.7200 1.8229 1 1.62179
2.7714 1.89465 2.7200 2.8229 1 1.89465
3.7714 1.32716 3.7200 3.8229 1 1.32716
4.7714 1.43835 4.7200 4.8229 1 1.43835
5.7714 1.03122 5.7200 5.8229 1 1.03122
EOD
$p0_absl << EOD
-0.1143 0.722059 -0.1657 -0.0629 0.722059 1
0.8857 0.856012 0.8343 0.9371 0.856012 1
1.8857 0.698519 1.8343 1.9371 0.698519 1
2.8857 0.481018 2.8343 2.9371 0.481018 1
3.8857 0.730152 3.8343 3.9371 0.730152 1
4.8857 0.937703 4.8343 4.9371 0.937703 1
5.8857 0.91582 5.8343 5.9371 0.91582 1
EOD
$p0_std << EOD
0.0000 2.27338 -0.0514 0.0514 1 2.27338
1.0000 3.68595 0.9486 1.0514 1 3.68595
2.0000 0.992895 1.9486 2.0514 0.992895 1
3.0000 2.5273 2.9486 3.0514 1 2.5273
4.0000 3.68396 3.9486 4.0514 1 3.68396
5.0000 6.86089 4.9486 5.0514 1 6.86089
6.0000 0.913811 5.9486 6.0514 0.913811 1
EOD
$p0_glib << EOD
0.1143 1.33853 0.0629 0.1657 1 1.33853
2.1143 1.01366 2.0629 2.1657 1 1.01366
3.1143 1.95569 3.0629 3.1657 1 1.95569
4.1143 1.79898 4.0629 4.1657 1 1.79898
5.1143 2.07102 5.0629 5.1657 1 2.07102
6.1143 0.862164 6.0629 6.1657 0.862164 1
EOD
$p0_uthash << EOD
0.2286 3.75188 0.1771 0.2800 1 3.75188
2.2286 3.20388 2.1771 2.2800 1 3.20388
3.2286 6.86893 3.1771 3.2800 1 6.86893
4.2286 8.43853 4.1771 4.2800 1 8.43853
5.2286 1.64519 5.1771 5.2800 1 1.64519
6.2286 2.28025 6.1771 6.2800 1 2.28025
EOD
$p0_stb << EOD
0.3429 1.21543 0.2914 0.3943 1 1.21543
2.3429 2.53364 2.2914 2.3943 1 2.53364
3.3429 3.98353 3.2914 3.3943 1 3.98353
4.3429 5.01524 4.2914 4.3943 1 5.01524
5.3429 0.230274 5.2914 5.3943 0.230274 1
6.3429 1.29288 6.2914 6.3943 1 1.29288
EOD
$p1_gomap_generic << EOD
-0.3429 1.04053 -0.3943 -0.2914 1 1.04053
0.6571 1.28201 0.6057 0.7086 1 1.28201
1.6571 1.08353 1.6057 1.7086 1 1.08353
2.6571 1.06393 2.6057 2.7086 1 1.06393
3.6571 1.12893 3.6057 3.7086 1 1.12893
4.6571 0.972162 4.6057 4.7086 0.972162 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 3.08175 -0.2800 -0.1771 1 3.08175
0.7714 2.75589 0.7200 0.8229 1 2.75589
1.7714 1.71632 1.7200 1.8229 1 1.71632
2.7714 2.82426 2.7200 2.8229 1 2.82426
3.7714 1.7514 3.7200 3.8229 1 1.7514
4.7714 1.58846 4.7200 4.8229 1 1.58846
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 0.874039 -0.1657 -0.0629 0.874039 1
0.8857 1.27952 0.8343 0.9371 1 1.27952
1.8857 1.09661 1.8343 1.9371 1 1.09661
2.8857 1.10607 2.8343 2.9371 1 1.10607
3.8857 1.12975 3.8343 3.9371 1 1.12975
4.8857 0.964128 4.8343 4.9371 0.964128 1
5.8857 0.941172 5.8343 5.9371 0.941172 1
EOD
$p1_std << EOD
0.0000 1.63637 -0.0514 0.0514 1 1.63637
1.0000 3.21984 0.9486 1.0514 1 3.21984
2.0000 2.32303 1.9486 2.0514 1 2.32303
3.0000 5.66668 2.9486 3.0514 1 5.66668
4.0000 3.84832 3.9486 4.0514 1 3.84832
5.0000 13.2355 4.9486 5.0514 1 13.2355
6.0000 0.918968 5.9486 6.0514 0.918968 1
EOD
$p1_glib << EOD
0.1143 0.705993 0.0629 0.1657 0.705993 1
2.1143 1.45158 2.0629 2.1657 1 1.45158
3.1143 2.01624 3.0629 3.1657 1 2.01624
4.1143 1.4768 4.0629 4.1657 1 1.4768
5.1143 1.92065 5.0629 5.1657 1 1.92065
6.1143 0.57054 6.0629 6.1657 0.57054 1
EOD
$p1_uthash << EOD
0.2286 2.12047 0.1771 0.2800 1 2.12047
2.2286 3.48263 2.1771 2.2800 1 3.48263
3.2286 7.59938 3.1771 3.2800 1 7.59938
4.2286 4.56666 4.1771 4.2800 1 4.56666
5.2286 1.57076 5.1771 5.2800 1 1.57076
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.60146 0.2914 0.3943 0.60146 1
2.3429 2.21183 2.2914 2.3943 1 2.21183
3.3429 2.80899 3.2914 3.3943 1 2.80899
4.3429 3.89758 4.2914 4.3943 1 3.89758
5.3429 0.215886 5.2914 5.3943 0.215886 1
6.3429 0.684505 6.2914 6.3943 0.684505 1
EOD
$p2_gomap << EOD
-0.3500 111.638 -0.3950 -0.3050 100 111.638
EOD
$p2_gomap_generic << EOD
-0.2500 167.315 -0.2950 -0.2050 100 167.315
EOD
$p2_go << EOD
-0.1500 1118.77 -0.1950 -0.1050 100 1118.77
EOD
$p2_absl << EOD
-0.0500 19809.6 -0.0950 -0.0050 100 19809.6
EOD
$p2_std << EOD
0.0500 50226.2 0.0050 0.0950 100 50226.2
EOD
$p2_glib << EOD
0.1500 32742.7 0.1050 0.1950 100 32742.7
EOD
$p2_uthash << EOD
0.2500 55067.9 0.2050 0.2950 100 55067.9
EOD
$p2_stb << EOD
0.3500 19565.3 0.3050 0.3950 100 19565.3
EOD
$p3_gomap << EOD
-0.3500 2022.33 -0.3950 -0.3050 0 2022.33
0.6500 834.696 0.6050 0.6950 0 834.696
EOD
$p3_gomap_generic << EOD
-0.2500 2280.58 -0.2950 -0.2050 0 2280.58
0.7500 1112.13 0.7050 0.7950 0 1112.13
EOD
$p3_go << EOD
-0.1500 5503 -0.1950 -0.1050 0 5503
0.8500 3243.23 0.8050 0.8950 0 3243.23
EOD
$p3_absl << EOD
-0.0500 1769.11 -0.0950 -0.0050 0 1769.11
0.9500 765.293 0.9050 0.9950 0 765.293
EOD
$p3_std << EOD
0.0500 3124.38 0.0050 0.0950 0 3124.38
1.0500 2710.67 1.0050 1.0950 0 2710.67
EOD
$p3_glib << EOD
0.1500 2652.71 0.1050 0.1950 0 2652.71
EOD
$p3_uthash << EOD
0.2500 2366.68 0.2050 0.2950 0 2366.68
EOD
$p3_stb << EOD
0.3500 5138.42 0.3050 0.3950 0 5138.42
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T13:39:15Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.164481:11.8139]
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
set yrange [0.154204:18.5297]
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
set yrange [100:110136]
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
set yrange [0:6328.45]
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
