// Package alpha greets through delta and embeds its banner.
package alpha

import (
	_ "embed"

	"example.com/delta"
)

//go:embed data/ban-ner.txt
var banner string

func Hello(who string) string { return banner + delta.Wrap("hello, "+who) }
