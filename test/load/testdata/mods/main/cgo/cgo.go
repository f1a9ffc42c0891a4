package cgo

/*
#cgo linux LDFLAGS: -lm
#cgo CFLAGS: -I${SRCDIR}/include -DX=1
#cgo windows,amd64 CFLAGS: -DWIN64
#include "x.h"
*/
import "C"

func F() int { return int(C.f()) }
