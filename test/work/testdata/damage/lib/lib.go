// Package lib is the dependency whose cache entries the test damages.
package lib

// Greeting is what main prints.
func Greeting() string { return "hello from lib" }
