// Command tool is a second main package of the module.
package main

import "example.com/alpha"

func main() { println(alpha.Hello("tool")) }
