// Package eps is a local directory replacement without a version.
package eps

const E = 2.5e-1
