package main

import "example.com/m1"

func main() { println(m1.X) }
