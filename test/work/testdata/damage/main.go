// Command damage is the program test/work/cache-damage.test.ts builds on a damaged cache:
// a main package and one package of its own, and no standard package but the runtime's.
package main

import "example.com/damage/lib"

func main() { println(lib.Greeting()) }
