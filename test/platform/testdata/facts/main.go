// Command facts prints what the Go toolchain it was built with derives from the target
// environment: go/build's tool tags (without goexperiment.*) and the pointer size.
// test/platform/subarch.test.ts builds it once per Go release and runs it with GOOS, GOARCH
// and the sub-arch variables set.
package main

import (
	"encoding/json"
	"go/build"
	"go/types"
	"os"
	"strings"
)

func main() {
	tags := []string{}
	for _, t := range build.Default.ToolTags {
		if !strings.HasPrefix(t, "goexperiment.") {
			tags = append(tags, t)
		}
	}
	ptr := int64(0)
	if s := types.SizesFor("gc", build.Default.GOARCH); s != nil {
		ptr = s.Sizeof(types.Typ[types.Uintptr])
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"ToolTags": tags, "PtrSize": ptr})
}
