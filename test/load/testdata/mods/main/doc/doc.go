// Package documentation is ignored by go/build.
package documentation
