package main

import "example.com/main/internal/util"

func main() { println(util.U) }
