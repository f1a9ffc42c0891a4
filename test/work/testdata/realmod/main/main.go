// Command realmod is a small CLI with five module dependencies, replaces and embeds.
package main

import (
	"embed"
	"fmt"
	"io/fs"

	"example.com/alpha"
	beta "example.com/beta"
	"example.com/eps"
	"example.com/gamma"
	"example.com/zeta"
)

//go:embed shell/key-bindings.bash shell/completion.zsh
var shell embed.FS

//go:embed static
var static embed.FS

//go:embed all:assets
var assets embed.FS

//go:embed templates/*.tmpl "templates/with space.txt" templates/[a-c]_x+y(1).txt
var templates embed.FS

func main() {
	fmt.Println(alpha.Hello(zeta.Name()), beta.Next(), gamma.G(), eps.E)
	for _, f := range []fs.FS{shell, static, assets, templates} {
		_ = fs.WalkDir(f, ".", func(path string, d fs.DirEntry, err error) error {
			fmt.Println(path)
			return err
		})
	}
}
