// +build !plan9

package old

import "example.com/d"

var D = d.D
