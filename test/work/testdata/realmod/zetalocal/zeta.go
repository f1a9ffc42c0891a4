// Package zeta is a local copy.
package zeta

func Name() string { return "local" }
