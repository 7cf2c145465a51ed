set terminal pngcairo size 1520,970 noenhanced font "Sans,10"
set output "latest.png"
$p0_gomap_generic << EOD
-0.3429 1.32412 -0.3943 -0.2914 1 1.32412
0.6571 1.48367 0.6057 0.7086 1 1.48367
1.6571 1.23735 1.6057 1.7086 1 1.23735
2.6571 1.09586 2.6057 2.7086 1 1.09586
3.6571 1.23735 3.6057 3.7086 1 1.23735
4.6571 1.03326 4.6057 4.7086 1 1.03326
5.6571 1 5.6057 5.7086 1 1
EOD
$p0_go << EOD
-0.2286 3.37806 -0.2800 -0.1771 1 3.37806
0.7714 2.42007 0.7200 0.8229 1 2.42007
1.7714 1.84901 1.7200 1.8229 1 1.84901
2.7714 2.59228 2.7200 2.8229 1 2.59228
3.7714 1.48109 3.7200 3.8229 1 1.48109
4.7714 1.77891 4.7200 4.8229 1 1.77891
5.7714 1.03123 5.7200 5.8229 1 1.03123
EOD
$p0_absl << EOD
-0.1143 0.904373 -0.1657 -0.0629 0.904373 1
0.8857 1.32932 0.8343 0.9371 1 1.32932
1.8857 0.755537 1.8343 1.9371 0.755537 1
2.8857 0.562971 2.8343 2.9371 0.562971 1
3.8857 0.771623 3.8343 3.9371 0.771623 1
4.8857 1.01856 4.8343 4.9371 1 1.01856
5.8857 0.915834 5.8343 5.9371 0.915834 1
EOD
$p0_std << EOD
0.0000 2.9851 -0.0514 0.0514 1 2.9851
1.0000 6.40812 0.9486 1.0514 1 6.40812
2.0000 1.12948 1.9486 2.0514 1 1.12948
3.0000 3.23593 2.9486 3.0514 1 3.23593
4.0000 4.5646 3.9486 4.0514 1 4.5646
5.0000 8.46349 4.9486 5.0514 1 8.46349
6.0000 0.913825 5.9486 6.0514 0.913825 1
EOD
$p0_glib << EOD
0.1143 1.74729 0.0629 0.1657 1 1.74729
2.1143 1.14117 2.0629 2.1657 1 1.14117
3.1143 2.26162 3.0629 3.1657 1 2.26162
4.1143 1.85734 4.0629 4.1657 1 1.85734
5.1143 2.28858 5.0629 5.1657 1 2.28858
6.1143 0.862177 6.0629 6.1657 0.862177 1
EOD
$p0_uthash << EOD
0.2286 4.8908 0.1771 0.2800 1 4.8908
2.2286 3.43867 2.1771 2.2800 1 3.43867
3.2286 7.72564 3.1771 3.2800 1 7.72564
4.2286 8.26185 4.1771 4.2800 1 8.26185
5.2286 1.60677 5.1771 5.2800 1 1.60677
6.2286 2.28029 6.1771 6.2800 1 2.28029
EOD
$p0_stb << EOD
0.3429 1.54857 0.2914 0.3943 1 1.54857
2.3429 2.92478 2.2914 2.3943 1 2.92478
3.3429 4.6251 3.2914 3.3943 1 4.6251
4.3429 5.44655 4.2914 4.3943 1 5.44655
5.3429 0.228682 5.2914 5.3943 0.228682 1
6.3429 1.2929 6.2914 6.3943 1 1.2929
EOD
$p1_gomap_generic << EOD
-0.3429 0.767937 -0.3943 -0.2914 0.767937 1
0.6571 3.13206 0.6057 0.7086 1 3.13206
1.6571 1.0451 1.6057 1.7086 1 1.0451
2.6571 1.00327 2.6057 2.7086 1 1.00327
3.6571 1.06704 3.6057 3.7086 1 1.06704
4.6571 0.922186 4.6057 4.7086 0.922186 1
5.6571 1 5.6057 5.7086 1 1
EOD
$p1_go << EOD
-0.2286 3.385 -0.2800 -0.1771 1 3.385
0.7714 2.45857 0.7200 0.8229 1 2.45857
1.7714 1.89607 1.7200 1.8229 1 1.89607
2.7714 2.99453 2.7200 2.8229 1 2.99453
3.7714 1.82123 3.7200 3.8229 1 1.82123
4.7714 1.58602 4.7200 4.8229 1 1.58602
5.7714 1.03024 5.7200 5.8229 1 1.03024
EOD
$p1_absl << EOD
-0.1143 0.905329 -0.1657 -0.0629 0.905329 1
0.8857 1.98554 0.8343 0.9371 1 1.98554
1.8857 1.14812 1.8343 1.9371 1 1.14812
2.8857 1.23878 2.8343 2.9371 1 1.23878
3.8857 1.14859 3.8343 3.9371 1 1.14859
4.8857 0.963797 4.8343 4.9371 0.963797 1
5.8857 0.941179 5.8343 5.9371 0.941179 1
EOD
$p1_std << EOD
0.0000 1.66754 -0.0514 0.0514 1 1.66754
1.0000 5.69106 0.9486 1.0514 1 5.69106
2.0000 2.3743 1.9486 2.0514 1 2.3743
3.0000 5.83224 2.9486 3.0514 1 5.83224
4.0000 3.86063 3.9486 4.0514 1 3.86063
5.0000 12.4435 4.9486 5.0514 1 12.4435
6.0000 0.918975 5.9486 6.0514 0.918975 1
EOD
$p1_glib << EOD
0.1143 0.770418 0.0629 0.1657 0.770418 1
2.1143 1.58546 2.0629 2.1657 1 1.58546
3.1143 2.08859 3.0629 3.1657 1 2.08859
4.1143 1.61642 4.0629 4.1657 1 1.61642
5.1143 1.95465 5.0629 5.1657 1 1.95465
6.1143 0.570545 6.0629 6.1657 0.570545 1
EOD
$p1_uthash << EOD
0.2286 2.13521 0.1771 0.2800 1 2.13521
2.2286 3.41912 2.1771 2.2800 1 3.41912
3.2286 7.36833 3.1771 3.2800 1 7.36833
4.2286 4.4917 4.1771 4.2800 1 4.4917
5.2286 1.28249 5.1771 5.2800 1 1.28249
6.2286 1.0932 6.1771 6.2800 1 1.0932
EOD
$p1_stb << EOD
0.3429 0.641323 0.2914 0.3943 0.641323 1
2.3429 2.27672 2.2914 2.3943 1 2.27672
3.3429 3.07267 3.2914 3.3943 1 3.07267
4.3429 3.96138 4.2914 4.3943 1 3.96138
5.3429 0.198293 5.2914 5.3943 0.198293 1
6.3429 0.68451 6.2914 6.3943 0.68451 1
EOD
$p2_gomap << EOD
-0.3500 209.45 -0.3950 -0.3050 100 209.45
EOD
$p2_gomap_generic << EOD
-0.2500 209.108 -0.2950 -0.2050 100 209.108
EOD
$p2_go << EOD
-0.1500 12810.8 -0.1950 -0.1050 100 12810.8
EOD
$p2_absl << EOD
-0.0500 23098.2 -0.0950 -0.0050 100 23098.2
EOD
$p2_std << EOD
0.0500 68280.7 0.0050 0.0950 100 68280.7
EOD
$p2_glib << EOD
0.1500 38888.9 0.1050 0.1950 100 38888.9
EOD
$p2_uthash << EOD
0.2500 59430.2 0.2050 0.2950 100 59430.2
EOD
$p2_stb << EOD
0.3500 22029 0.3050 0.3950 100 22029
EOD
$p3_gomap << EOD
-0.3500 1924.42 -0.3950 -0.3050 0 1924.42
0.6500 880.791 0.6050 0.6950 0 880.791
EOD
$p3_gomap_generic << EOD
-0.2500 2354.46 -0.2950 -0.2050 0 2354.46
0.7500 1289.63 0.7050 0.7950 0 1289.63
EOD
$p3_go << EOD
-0.1500 6619.93 -0.1950 -0.1050 0 6619.93
0.8500 3835.12 0.8050 0.8950 0 3835.12
EOD
$p3_absl << EOD
-0.0500 2040.57 -0.0950 -0.0050 0 2040.57
0.9500 873.378 0.9050 0.9950 0 873.378
EOD
$p3_std << EOD
0.0500 3864.5 0.0050 0.0950 0 3864.5
1.0500 3272.07 1.0050 1.0950 0 3272.07
EOD
$p3_glib << EOD
0.1500 3018.12 0.1050 0.1950 0 3018.12
EOD
$p3_uthash << EOD
0.2500 2855.33 0.2050 0.2950 0 2855.33
EOD
$p3_stb << EOD
0.3500 5926.2 0.3050 0.3950 0 5926.2
EOD
set multiplot title "gomap benchmarks — medians of 5 reps — 2026-11-21T19:20:19Z — Intel(R) Xeon(R) Processor, 2 cores, 23.5 GiB, Linux 6.18.44-fc-v657" font ",12"
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
set yrange [0.163344:11.8489]
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
set yrange [0.141638:17.4209]
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
set yrange [100:136561]
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
set yrange [0:7612.92]
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
