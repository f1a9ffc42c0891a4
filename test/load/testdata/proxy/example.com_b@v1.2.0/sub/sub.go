package sub

import (
	"embed"

	"example.com/b/internal/x"
)

//go:embed data/*.txt
var FS embed.FS

var X = x.X
