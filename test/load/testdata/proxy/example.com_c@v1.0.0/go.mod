module example.com/c

go 1.21

require example.com/b v1.2.0
