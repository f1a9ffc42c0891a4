package c

import "example.com/b/sub"

var C = sub.X
