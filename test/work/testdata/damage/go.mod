module example.com/damage

go 1.23
