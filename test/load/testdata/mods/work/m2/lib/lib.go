package lib

import "example.com/c"

const L = "lib"

var C = c.C
