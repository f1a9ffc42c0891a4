// Package lib is the one package the cache script test edits.
package lib

// Greeting is what main prints.
func Greeting() string { return "hello from lib" }
