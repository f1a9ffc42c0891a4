//go:build mytag && !othertag

package tags

import _ "strings"
