// A comment that is not a constraint.

// +build linux,amd64 darwin

package doc
