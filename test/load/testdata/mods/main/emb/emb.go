package emb

import "embed"

//go:embed static
var Static embed.FS

//go:embed all:static "quoted name.txt" `raw*.txt`
var All embed.FS

// Files is filled in by the tests.
var Files = 0
