package main

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed version.txt
var version string

//go:embed static
var static embed.FS

//go:embed all:static/sub *.txt
var more embed.FS

func main() {
	fmt.Print(version)
	fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error { fmt.Println("static:", p); return nil })
	fs.WalkDir(more, ".", func(p string, d fs.DirEntry, err error) error { fmt.Println("more:", p); return nil })
}
