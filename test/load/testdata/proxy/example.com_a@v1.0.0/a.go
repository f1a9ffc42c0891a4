// Package a is a dependency at v1.0.0.
package a

import "example.com/b"

func A() string { return "a1 " + b.B() }
