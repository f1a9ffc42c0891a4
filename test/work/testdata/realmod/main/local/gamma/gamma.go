// Package gamma is a local directory replacement.
package gamma

func G() string { return "gamma (local)" }
