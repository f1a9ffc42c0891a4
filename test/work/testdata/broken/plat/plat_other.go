//go:build !windows

package plat

// Name names the platform.
func Name() string { return "not windows" }
