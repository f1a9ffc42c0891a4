// Package beta is a fork that counts.
package beta

var calls int

func Next() int { calls++; return calls }
