module gomap/bench/gosync

go 1.19
