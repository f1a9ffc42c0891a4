module example.com/m2

go 1.21

require example.com/c v1.0.0

require example.com/b v1.2.0 // indirect
