package main

import "fmt"

// The module's go line (1.20) makes cmd/go pass -X=runtime.godebugDefault=... to the linker.
func main() { fmt.Println("old go line") }
