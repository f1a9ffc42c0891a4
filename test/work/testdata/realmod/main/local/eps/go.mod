module example.com/eps

go 1.21
