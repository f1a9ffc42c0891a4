//go:build !windows

package zeta

const name = "not windows"
