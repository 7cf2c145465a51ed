set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.24755 -0.3943 -0.2914 1 1.24755
0.6571 1.56696 0.6057 0.7086 1 1.56696
1.6571 1.34588 1.6057 1.7086 1 1.34588
2.6571 1.23732 2.6057 2.7086 1 1.23732
3.6571 1.29548 3.6057 3.7086 1 1.29548
4.6571 1.04209 4.6057 4.7086 1 1.04209
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.27091 -0.2800 -0.1771 1 3.27091
0.7714 3.00316 0.7200 0.8229 1 3.00316
1.7714 1.82512 1.7200 1.8229 1 1.82512
2.7714 4.64075 2.7200 2.8229 1 4.64075
3.7714 1.48467 3.7200 3.8229 1 1.48467
4.7714 1.73363 4.7200 4.8229 1 1.73363
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.883967 -0.1657 -0.0629 0.883967 1
0.8857 1.04769 0.8343 0.9371 1 1.04769
1.8857 0.818395 1.8343 1.9371 0.818395 1
2.8857 0.620466 2.8343 2.9371 0.620466 1
3.8857 0.877678 3.8343 3.9371 0.877678 1
4.8857 0.808594 4.8343 4.9371 0.808594 1
5.8857 0.915831 5.8343 5.9371 0.915831 1
EOD
$p0_std << EOD
0.0000 3.50773 -0.0514 0.0514 1 3.50773
1.0000 6.56507 0.9486 1.0514 1 6.56507
2.0000 1.2214 1.9486 2.0514 1 1.2214
3.0000 4.00937 2.9486 3.0514 1 4.00937
4.0000 4.75146 3.9486 4.0514 1 4.75146
5.0000 15.8536 4.9486 5.0514 1 15.8536
6.0000 0.913823 5.9486 6.0514 0.913823 1
EOD
$p0_glib << EOD
0.1143 1.3289 0.0629 0.1657 1 1.3289
2.1143 1.44019 2.0629 2.1657 1 1.44019
3.1143 2.1002 3.0629 3.1657 1 2.1002
4.1143 1.64709 4.0629 4.1657 1 1.64709
5.1143 2.15523 5.0629 5.1657 1 2.15523
6.1143 0.862175 6.0629 6.1657 0.862175 1
EOD
$p0_uthash << EOD
0.2286 6.44018 0.1771 0.2800 1 6.44018
2.2286 3.60782 2.1771 2.2800 1 3.60782
3.2286 9.95592 3.1771 3.2800 1 9.95592
4.2286 6.16328 4.1771 4.2800 1 6.16328
5.2286 0.598767 5.1771 5.2800 0.598767 1
6.2286 2.28028 6.1771 6.2800 1 2.28028
EOD
$p0_stb << EOD
0.3429 1.48476 0.2914 0.3943 1 1.48476
2.3429 3.62736 2.2914 2.3943 1 3.62736
3.3429 5.92528 3.2914 3.3943 1 5.92528
4.3429 4.44794 4.2914 4.3943 1 4.44794
5.3429 0.138452 5.2914 5.3943 0.138452 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.06987 -0.3943 -0.2914 1 1.06987
0.6571 1.4316 0.6057 0.7086 1 1.4316
1.6571 1.30041 1.6057 1.7086 1 1.30041
2.6571 1.08849 2.6057 2.7086 1 1.08849
3.6571 1.07034 3.6057 3.7086 1 1.07034
4.6571 1.04412 4.6057 4.7086 1 1.04412
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.43348 -0.2800 -0.1771 1 2.43348
0.7714 2.43815 0.7200 0.8229 1 2.43815
1.7714 1.72468 1.7200 1.8229 1 1.72468
2.7714 3.1513 2.7200 2.8229 1 3.1513
3.7714 1.83598 3.7200 3.8229 1 1.83598
4.7714 1.25851 4.7200 4.8229 1 1.25851
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 1.11746 -0.1657 -0.0629 1 1.11746
0.8857 1.51832 0.8343 0.9371 1 1.51832
1.8857 1.21075 1.8343 1.9371 1 1.21075
2.8857 1.05951 2.8343 2.9371 1 1.05951
3.8857 1.09595 3.8343 3.9371 1 1.09595
4.8857 0.58694 4.8343 4.9371 0.58694 1
5.8857 0.941176 5.8343 5.9371 0.941176 1
EOD
$p1_std << EOD
0.0000 2.30055 -0.0514 0.0514 1 2.30055
1.0000 5.2928 0.9486 1.0514 1 5.2928
2.0000 2.50315 1.9486 2.0514 1 2.50315
3.0000 6.89573 2.9486 3.0514 1 6.89573
4.0000 4.62778 3.9486 4.0514 1 4.62778
5.0000 13.9041 4.9486 5.0514 1 13.9041
6.0000 0.918971 5.9486 6.0514 0.918971 1
EOD
$p1_glib << EOD
0.1143 0.547968 0.0629 0.1657 0.547968 1
2.1143 1.70428 2.0629 2.1657 1 1.70428
3.1143 2.19102 3.0629 3.1657 1 2.19102
4.1143 1.60043 4.0629 4.1657 1 1.60043
5.1143 1.51951 5.0629 5.1657 1 1.51951
6.1143 0.570543 6.0629 6.1657 0.570543 1
EOD
$p1_uthash << EOD
0.2286 2.32166 0.1771 0.2800 1 2.32166
2.2286 3.01904 2.1771 2.2800 1 3.01904
3.2286 10.2329 3.1771 3.2800 1 10.2329
4.2286 4.4929 4.1771 4.2800 1 4.4929
5.2286 0.437896 5.1771 5.2800 0.437896 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.604951 0.2914 0.3943 0.604951 1
2.3429 2.75538 2.2914 2.3943 1 2.75538
3.3429 3.86769 3.2914 3.3943 1 3.86769
4.3429 4.46423 4.2914 4.3943 1 4.46423
5.3429 0.0922939 5.2914 5.3943 0.0922939 1
6.3429 0.684507 6.2914 6.3943 0.684507 1
EOD
$p2_gomap << EOD
-0.3500 225.214 -0.3950 -0.3050 100 225.214
EOD
$p2_gomap_generic << EOD
-0.2500 273.527 -0.2950 -0.2050 100 273.527
EOD
$p2_go << EOD
-0.1500 9210.65 -0.1950 -0.1050 100 9210.65
EOD
$p2_absl << EOD
-0.0500 23587 -0.0950 -0.0050 100 23587
EOD
$p2_std << EOD
0.0500 70059.9 0.0050 0.0950 100 70059.9
EOD
$p2_glib << EOD
0.1500 38263.6 0.1050 0.1950 100 38263.6
EOD
$p2_uthash << EOD
0.2500 68414.2 0.2050 0.2950 100 68414.2
EOD
$p2_stb << EOD
0.3500 20551.9 0.3050 0.3950 100 20551.9
EOD
$p3_gomap << EOD
-0.3500 1533.03 -0.3950 -0.3050 0 1533.03
0.6500 762.665 0.6050 0.6950 0 762.665
EOD
$p3_gomap_generic << EOD
-0.2500 2114.05 -0.2950 -0.2050 0 2114.05
0.7500 1159.14 0.7050 0.7950 0 1159.14
EOD
$p3_go << EOD
-0.1500 5009.09 -0.1950 -0.1050 0 5009.09
0.8500 2814.01 0.8050 0.8950 0 2814.01
EOD
$p3_absl << EOD
-0.0500 1926.76 -0.0950 -0.0050 0 1926.76
0.9500 744.384 0.9050 0.9950 0 744.384
EOD
$p3_std << EOD
0.0500 3782.02 0.0050 0.0950 0 3782.02
1.0500 3398.82 1.0050 1.0950 0 3398.82
EOD
$p3_glib << EOD
0.1500 2711.41 0.1050 0.1950 0 2711.41
EOD
$p3_uthash << EOD
0.2500 2782.91 0.2050 0.2950 0 2782.91
EOD
$p3_stb << EOD
0.3500 4463.32 0.3050 0.3950 0 4463.32
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-05T02:27:33Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
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
set yrange [0.0988943:22.195]
set format y "%gx"
set logscale y
set ytics (0.1, 0.2, 0.5, 1, 2, 5, 10, 20)
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
set yrange [0.0659242:19.4657]
set format y "%gx"
set logscale y
set ytics (0.1, 0.2, 0.5, 1, 2, 5, 10)
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
set yrange [100:140120]
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
set yrange [0:5760.45]
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
