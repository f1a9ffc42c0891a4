module example.com/betafork

go 1.22
