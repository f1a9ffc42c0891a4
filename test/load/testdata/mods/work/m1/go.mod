module example.com/m1

go 1.22

require (
	example.com/a v1.1.0
	example.com/b v1.1.0
)
