module example.com/gamma

go 1.22
