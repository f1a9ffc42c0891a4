module example.com/touch

go 1.23
