// Command buildinfooracle reads a JSON array of runtime/debug.BuildInfo values on stdin and
// prints, as a JSON array, what BuildInfo.String returns for each, and whether
// debug.ParseBuildInfo reads that text back to the same value (GoVersion aside).
package main

import (
	"encoding/json"
	"os"
	"reflect"
	"runtime/debug"
)

type answer struct {
	String    string `json:"string"`
	RoundTrip bool   `json:"roundTrip"`
}

func main() {
	var infos []debug.BuildInfo
	if err := json.NewDecoder(os.Stdin).Decode(&infos); err != nil {
		panic(err)
	}
	out := make([]answer, 0, len(infos))
	for i := range infos {
		s := infos[i].String()
		back, err := debug.ParseBuildInfo(s)
		want := infos[i]
		want.GoVersion = "" // ParseBuildInfo leaves it to the binary's own version string
		if len(want.Deps) == 0 {
			want.Deps = nil // JSON's [] is an empty slice; a parse without deps gives nil
		}
		if len(want.Settings) == 0 {
			want.Settings = nil
		}
		out = append(out, answer{String: s, RoundTrip: err == nil && reflect.DeepEqual(*back, want)})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
