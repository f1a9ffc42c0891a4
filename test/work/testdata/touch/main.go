package main

import (
	"fmt"

	"example.com/touch/lib"
)

func main() { fmt.Println(lib.Greeting()) }
