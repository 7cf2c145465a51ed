module gomapbench

go 1.19
