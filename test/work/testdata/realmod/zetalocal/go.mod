module example.com/zeta

go 1.21
