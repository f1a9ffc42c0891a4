package missing

import (
	_ "example.com/nowhere"
	_ "notstd/pkg"
)
