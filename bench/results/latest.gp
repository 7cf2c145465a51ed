set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.18088 -0.3943 -0.2914 1 1.18088
0.6571 1.57452 0.6057 0.7086 1 1.57452
1.6571 1.20687 1.6057 1.7086 1 1.20687
2.6571 1.21943 2.6057 2.7086 1 1.21943
3.6571 1.42862 3.6057 3.7086 1 1.42862
4.6571 1.04267 4.6057 4.7086 1 1.04267
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.11659 -0.2800 -0.1771 1 3.11659
0.7714 2.4982 0.7200 0.8229 1 2.4982
1.7714 1.63715 1.7200 1.8229 1 1.63715
2.7714 4.45472 2.7200 2.8229 1 4.45472
3.7714 1.45358 3.7200 3.8229 1 1.45358
4.7714 1.88846 4.7200 4.8229 1 1.88846
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.793426 -0.1657 -0.0629 0.793426 1
0.8857 1.12456 0.8343 0.9371 1 1.12456
1.8857 0.875547 1.8343 1.9371 0.875547 1
2.8857 0.696958 2.8343 2.9371 0.696958 1
3.8857 1.10039 3.8343 3.9371 1 1.10039
4.8857 0.898233 4.8343 4.9371 0.898233 1
5.8857 0.915831 5.8343 5.9371 0.915831 1
EOD
$p0_std << EOD
0.0000 3.72088 -0.0514 0.0514 1 3.72088
1.0000 6.80681 0.9486 1.0514 1 6.80681
2.0000 1.14254 1.9486 2.0514 1 1.14254
3.0000 3.82783 2.9486 3.0514 1 3.82783
4.0000 5.04384 3.9486 4.0514 1 5.04384
5.0000 19.332 4.9486 5.0514 1 19.332
6.0000 0.913823 5.9486 6.0514 0.913823 1
EOD
$p0_glib << EOD
0.1143 1.36808 0.0629 0.1657 1 1.36808
2.1143 1.41023 2.0629 2.1657 1 1.41023
3.1143 1.99177 3.0629 3.1657 1 1.99177
4.1143 1.6809 4.0629 4.1657 1 1.6809
5.1143 2.3601 5.0629 5.1657 1 2.3601
6.1143 0.862175 6.0629 6.1657 0.862175 1
EOD
$p0_uthash << EOD
0.2286 6.29762 0.1771 0.2800 1 6.29762
2.2286 3.20702 2.1771 2.2800 1 3.20702
3.2286 9.26664 3.1771 3.2800 1 9.26664
4.2286 5.88584 4.1771 4.2800 1 5.88584
5.2286 0.694328 5.1771 5.2800 0.694328 1
6.2286 2.28028 6.1771 6.2800 1 2.28028
EOD
$p0_stb << EOD
0.3429 1.57474 0.2914 0.3943 1 1.57474
2.3429 3.24799 2.2914 2.3943 1 3.24799
3.3429 5.20668 3.2914 3.3943 1 5.20668
4.3429 4.31731 4.2914 4.3943 1 4.31731
5.3429 0.150335 5.2914 5.3943 0.150335 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 1.14724 -0.3943 -0.2914 1 1.14724
0.6571 1.36537 0.6057 0.7086 1 1.36537
1.6571 1.25236 1.6057 1.7086 1 1.25236
2.6571 0.962332 2.6057 2.7086 0.962332 1
3.6571 1.18323 3.6057 3.7086 1 1.18323
4.6571 0.989471 4.6057 4.7086 0.989471 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 2.88451 -0.2800 -0.1771 1 2.88451
0.7714 2.3226 0.7200 0.8229 1 2.3226
1.7714 1.74087 1.7200 1.8229 1 1.74087
2.7714 2.73636 2.7200 2.8229 1 2.73636
3.7714 1.8176 3.7200 3.8229 1 1.8176
4.7714 1.71686 4.7200 4.8229 1 1.71686
5.7714 1.03023 5.7200 5.8229 1 1.03023
EOD
$p1_absl << EOD
-0.1143 1.4972 -0.1657 -0.0629 1 1.4972
0.8857 1.40415 0.8343 0.9371 1 1.40415
1.8857 1.06777 1.8343 1.9371 1 1.06777
2.8857 0.926154 2.8343 2.9371 0.926154 1
3.8857 1.22536 3.8343 3.9371 1 1.22536
4.8857 0.838326 4.8343 4.9371 0.838326 1
5.8857 0.941176 5.8343 5.9371 0.941176 1
EOD
$p1_std << EOD
0.0000 2.86815 -0.0514 0.0514 1 2.86815
1.0000 5.54024 0.9486 1.0514 1 5.54024
2.0000 2.74555 1.9486 2.0514 1 2.74555
3.0000 6.15985 2.9486 3.0514 1 6.15985
4.0000 5.41984 3.9486 4.0514 1 5.41984
5.0000 22.3286 4.9486 5.0514 1 22.3286
6.0000 0.918971 5.9486 6.0514 0.918971 1
EOD
$p1_glib << EOD
0.1143 0.713111 0.0629 0.1657 0.713111 1
2.1143 1.64934 2.0629 2.1657 1 1.64934
3.1143 2.71804 3.0629 3.1657 1 2.71804
4.1143 1.83863 4.0629 4.1657 1 1.83863
5.1143 2.11059 5.0629 5.1657 1 2.11059
6.1143 0.570543 6.0629 6.1657 0.570543 1
EOD
$p1_uthash << EOD
0.2286 2.53553 0.1771 0.2800 1 2.53553
2.2286 2.98321 2.1771 2.2800 1 2.98321
3.2286 8.46716 3.1771 3.2800 1 8.46716
4.2286 4.51832 4.1771 4.2800 1 4.51832
5.2286 0.519769 5.1771 5.2800 0.519769 1
6.2286 1.09319 6.1771 6.2800 1 1.09319
EOD
$p1_stb << EOD
0.3429 0.713952 0.2914 0.3943 0.713952 1
2.3429 2.70792 2.2914 2.3943 1 2.70792
3.3429 3.71594 3.2914 3.3943 1 3.71594
4.3429 4.60876 4.2914 4.3943 1 4.60876
5.3429 0.140153 5.2914 5.3943 0.140153 1
6.3429 0.684507 6.2914 6.3943 0.684507 1
EOD
$p2_gomap << EOD
-0.3500 386.134 -0.3950 -0.3050 100 386.134
EOD
$p2_gomap_generic << EOD
-0.2500 362.9 -0.2950 -0.2050 100 362.9
EOD
$p2_go << EOD
-0.1500 1398.69 -0.1950 -0.1050 100 1398.69
EOD
$p2_absl << EOD
-0.0500 24506.5 -0.0950 -0.0050 100 24506.5
EOD
$p2_std << EOD
0.0500 65496.2 0.0050 0.0950 100 65496.2
EOD
$p2_glib << EOD
0.1500 36346.5 0.1050 0.1950 100 36346.5
EOD
$p2_uthash << EOD
0.2500 70603.8 0.2050 0.2950 100 70603.8
EOD
$p2_stb << EOD
0.3500 20379.8 0.3050 0.3950 100 20379.8
EOD
$p3_gomap << EOD
-0.3500 1699.58 -0.3950 -0.3050 0 1699.58
0.6500 786.329 0.6050 0.6950 0 786.329
EOD
$p3_gomap_generic << EOD
-0.2500 2124.61 -0.2950 -0.2050 0 2124.61
0.7500 1253.69 0.7050 0.7950 0 1253.69
EOD
$p3_go << EOD
-0.1500 5472.6 -0.1950 -0.1050 0 5472.6
0.8500 3281.74 0.8050 0.8950 0 3281.74
EOD
$p3_absl << EOD
-0.0500 1913.59 -0.0950 -0.0050 0 1913.59
0.9500 742.15 0.9050 0.9950 0 742.15
EOD
$p3_std << EOD
0.0500 3788.36 0.0050 0.0950 0 3788.36
1.0500 3388.08 1.0050 1.0950 0 3388.08
EOD
$p3_glib << EOD
0.1500 2717.99 0.1050 0.1950 0 2717.99
EOD
$p3_uthash << EOD
0.2500 2773.56 0.2050 0.2950 0 2773.56
EOD
$p3_stb << EOD
0.3500 4512.71 0.3050 0.3950 0 4512.71
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-12-05T12:29:48Z — AMD EPYC, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v1272" font ",12"
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
set yrange [0.107382:27.0648]
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
set yrange [0.100109:31.26]
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
set yrange [100:141208]
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
set yrange [0:6293.49]
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
