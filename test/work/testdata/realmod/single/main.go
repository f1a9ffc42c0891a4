// Command single has exactly one replace, a directory without a version.
package main

import "example.com/zeta"

func main() { println(zeta.Name()) }
