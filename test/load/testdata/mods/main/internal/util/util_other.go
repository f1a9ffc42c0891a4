//go:build !linux && !(windows && amd64)

package util

const OS = "other"
