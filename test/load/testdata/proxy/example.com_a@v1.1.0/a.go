package a

import "example.com/b"

func A() string { return "a1.1 " + b.B() }
