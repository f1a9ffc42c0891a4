// Package delta wraps text (v1.2.0).
package delta

func Wrap(s string) string { return "[v1.2.0 " + s + "]" }
