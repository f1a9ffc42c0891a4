package m1

import (
	"example.com/a"
	"example.com/b"
	"example.com/m2/lib"
)

var X = a.A() + b.B() + lib.L
