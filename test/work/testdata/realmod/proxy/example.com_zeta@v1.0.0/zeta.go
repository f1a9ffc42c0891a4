// Package zeta names the platform.
package zeta

func Name() string { return name }
