// Command main imports a bit of everything.
package main

import (
	"fmt"

	upper "example.com/Upper"
	"example.com/a"
	"example.com/b/sub"
	"example.com/c"
	"example.com/local"
	"example.com/main/emb"
	"example.com/main/internal/util"
	"example.com/old"
	"example.com/repl"
)

func main() {
	fmt.Println(upper.U, a.A(), sub.X, c.C, local.L, emb.Files, util.U, old.D, repl.R)
}
