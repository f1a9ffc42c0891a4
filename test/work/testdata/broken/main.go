package main

import (
	"fmt"

	"example.com/broken/plat"
)

func main() { fmt.Println(plat.Name()) }
