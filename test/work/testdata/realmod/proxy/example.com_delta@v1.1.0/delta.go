// Package delta wraps text (v1.1.0).
package delta

func Wrap(s string) string { return "[v1.1.0 " + s + "]" }
