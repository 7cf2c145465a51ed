set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 0.994423 -0.3943 -0.2914 0.994423 1
0.6571 1.04774 0.6057 0.7086 1 1.04774
1.6571 1.0284 1.6057 1.7086 1 1.0284
2.6571 1.08729 2.6057 2.7086 1 1.08729
3.6571 1.09874 3.6057 3.7086 1 1.09874
4.6571 1.0813 4.6057 4.7086 1 1.0813
5.6571 2098.2 5.6057 5.7086 1 2098.2
EOD
$p0_go << EOD
-0.2286 3.23009 -0.2800 -0.1771 1 3.23009
0.7714 2.37767 0.7200 0.8229 1 2.37767
1.7714 1.33957 1.7200 1.8229 1 1.33957
2.7714 1.74365 2.7200 2.8229 1 1.74365
3.7714 1.1487 3.7200 3.8229 1 1.1487
4.7714 1.3396 4.7200 4.8229 1 1.3396
5.7714 80297.2 5.7200 5.8229 1 80297.2
EOD
$p0_absl << EOD
-0.1143 0.677403 -0.1657 -0.0629 0.677403 1
0.8857 0.638475 0.8343 0.9371 0.638475 1
1.8857 0.606532 1.8343 1.9371 0.606532 1
2.8857 0.45372 2.8343 2.9371 0.45372 1
3.8857 0.624774 3.8343 3.9371 0.624774 1
4.8857 0.824159 4.8343 4.9371 0.824159 1
5.8857 71311.4 5.8343 5.9371 1 71311.4
EOD
$p0_std << EOD
0.0000 1.97798 -0.0514 0.0514 1 1.97798
1.0000 2.7283 0.9486 1.0514 1 2.7283
2.0000 0.83918 1.9486 2.0514 0.83918 1
3.0000 2.43702 2.9486 3.0514 1 2.43702
4.0000 3.24369 3.9486 4.0514 1 3.24369
5.0000 6.94513 4.9486 5.0514 1 6.94513
6.0000 71155 5.9486 6.0514 1 71155
EOD
$p0_glib << EOD
0.1143 1.23034 0.0629 0.1657 1 1.23034
2.1143 0.911429 2.0629 2.1657 0.911429 1
3.1143 1.80392 3.0629 3.1657 1 1.80392
4.1143 1.43181 4.0629 4.1657 1 1.43181
5.1143 1.7581 5.0629 5.1657 1 1.7581
6.1143 67133.4 6.0629 6.1657 1 67133.4
EOD
$p0_uthash << EOD
0.2286 3.33773 0.1771 0.2800 1 3.33773
2.2286 2.79277 2.1771 2.2800 1 2.79277
3.2286 6.4551 3.1771 3.2800 1 6.4551
4.2286 6.71591 4.1771 4.2800 1 6.71591
5.2286 1.52386 5.1771 5.2800 1 1.52386
6.2286 177555 6.1771 6.2800 1 177555
EOD
$p0_stb << EOD
0.3429 1.13456 0.2914 0.3943 1 1.13456
2.3429 2.13981 2.2914 2.3943 1 2.13981
3.3429 3.54543 3.2914 3.3943 1 3.54543
4.3429 4.23168 4.2914 4.3943 1 4.23168
5.3429 0.198846 5.2914 5.3943 0.198846 1
6.3429 100672 6.2914 6.3943 1 100672
EOD
$p1_gomap_generic << EOD
-0.3429 0.971822 -0.3943 -0.2914 0.971822 1
0.6571 1.05547 0.6057 0.7086 1 1.05547
1.6571 1.05447 1.6057 1.7086 1 1.05447
2.6571 1.04101 2.6057 2.7086 1 1.04101
3.6571 0.982983 3.6057 3.7086 0.982983 1
4.6571 0.979328 4.6057 4.7086 0.979328 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.93309 -0.2800 -0.1771 1 2.93309
0.7714 2.13204 0.7200 0.8229 1 2.13204
1.7714 1.66473 1.7200 1.8229 1 1.66473
2.7714 2.73608 2.7200 2.8229 1 2.73608
3.7714 1.65289 3.7200 3.8229 1 1.65289
4.7714 1.00752 4.7200 4.8229 1 1.00752
5.7714 151518 5.7200 5.8229 1 151518
EOD
$p1_absl << EOD
-0.1143 0.880141 -0.1657 -0.0629 0.880141 1
0.8857 0.992897 0.8343 0.9371 0.992897 1
1.8857 1.06151 1.8343 1.9371 1 1.06151
2.8857 1.02202 2.8343 2.9371 1 1.02202
3.8857 1.0253 3.8343 3.9371 1 1.0253
4.8857 0.603025 4.8343 4.9371 0.603025 1
5.8857 138420 5.8343 5.9371 1 138420
EOD
$p1_std << EOD
0.0000 1.43485 -0.0514 0.0514 1 1.43485
1.0000 2.43572 0.9486 1.0514 1 2.43572
2.0000 2.22963 1.9486 2.0514 1 2.22963
3.0000 5.07848 2.9486 3.0514 1 5.07848
4.0000 3.52009 3.9486 4.0514 1 3.52009
5.0000 7.84599 4.9486 5.0514 1 7.84599
6.0000 135155 5.9486 6.0514 1 135155
EOD
$p1_glib << EOD
0.1143 0.726512 0.0629 0.1657 0.726512 1
2.1143 1.50728 2.0629 2.1657 1 1.50728
3.1143 1.88334 3.0629 3.1657 1 1.88334
4.1143 1.40907 4.0629 4.1657 1 1.40907
5.1143 1.19868 5.0629 5.1657 1 1.19868
6.1143 83910.6 6.0629 6.1657 1 83910.6
EOD
$p1_uthash << EOD
0.2286 2.04642 0.1771 0.2800 1 2.04642
2.2286 3.54458 2.1771 2.2800 1 3.54458
3.2286 7.20866 3.1771 3.2800 1 7.20866
4.2286 3.87113 4.1771 4.2800 1 3.87113
5.2286 0.927946 5.1771 5.2800 0.927946 1
6.2286 160777 6.1771 6.2800 1 160777
EOD
$p1_stb << EOD
0.3429 0.604464 0.2914 0.3943 0.604464 1
2.3429 2.18513 2.2914 2.3943 1 2.18513
3.3429 2.61375 3.2914 3.3943 1 2.61375
4.3429 3.38788 4.2914 4.3943 1 3.38788
5.3429 0.134752 5.2914 5.3943 0.134752 1
6.3429 100672 6.2914 6.3943 1 100672
EOD
$p2_gomap << EOD
-0.3500 141.909 -0.3950 -0.3050 100 141.909
EOD
$p2_gomap_generic << EOD
-0.2500 158.732 -0.2950 -0.2050 100 158.732
EOD
$p2_go << EOD
-0.1500 15704.8 -0.1950 -0.1050 100 15704.8
EOD
$p2_absl << EOD
-0.0500 19308.2 -0.0950 -0.0050 100 19308.2
EOD
$p2_std << EOD
0.0500 33811.8 0.0050 0.0950 100 33811.8
EOD
$p2_glib << EOD
0.1500 32129.5 0.1050 0.1950 100 32129.5
EOD
$p2_uthash << EOD
0.2500 56059.2 0.2050 0.2950 100 56059.2
EOD
$p2_stb << EOD
0.3500 18144.6 0.3050 0.3950 100 18144.6
EOD
$p3_gomap << EOD
-0.3500 2458.82 -0.3950 -0.3050 0 2458.82
0.6500 1137.13 0.6050 0.6950 0 1137.13
EOD
$p3_gomap_generic << EOD
-0.2500 2432.27 -0.2950 -0.2050 0 2432.27
0.7500 1204.93 0.7050 0.7950 0 1204.93
EOD
$p3_go << EOD
-0.1500 5492.41 -0.1950 -0.1050 0 5492.41
0.8500 3163.47 0.8050 0.8950 0 3163.47
EOD
$p3_absl << EOD
-0.0500 1855.64 -0.0950 -0.0050 0 1855.64
0.9500 759.103 0.9050 0.9950 0 759.103
EOD
$p3_std << EOD
0.0500 3122.51 0.0050 0.0950 0 3122.51
1.0500 2768.84 1.0050 1.0950 0 2768.84
EOD
$p3_glib << EOD
0.1500 2597.36 0.1050 0.1950 0 2597.36
EOD
$p3_uthash << EOD
0.2500 2443.02 0.2050 0.2950 0 2443.02
EOD
$p3_stb << EOD
0.3500 5303.19 0.3050 0.3950 0 5303.19
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T11:02:09Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.142033:248577]
set format y "%gx"
set logscale y
set ytics (1, 10, 100, 1000, 10000, 100000)
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
set yrange [0.0962514:225088]
set format y "%gx"
set logscale y
set ytics (0.1, 1, 10, 100, 1000, 10000, 100000)
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
set yrange [100:112118]
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
set yrange [0:6316.27]
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
