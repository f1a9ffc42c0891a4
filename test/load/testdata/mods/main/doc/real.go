// +build ignore

package doc
