package badinternal

import "example.com/b/internal/x"

var X = x.X
