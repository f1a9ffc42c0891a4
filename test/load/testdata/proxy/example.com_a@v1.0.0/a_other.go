//go:build !windows

package a

const OS = "other"
