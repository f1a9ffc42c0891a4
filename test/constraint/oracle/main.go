// Command oracle answers build constraint questions with go/build/constraint, for the
// differential test in ../constraint.test.ts. It reads one JSON request per line on stdin
// and writes one JSON answer per line on stdout, in order, so a whole test batch costs one
// process start.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"go/build/constraint"
	"os"
	"time"
	"unicode"
)

type request struct {
	Line string   `json:"line"` // the candidate constraint line
	Expr *node    `json:"expr"` // or an expression tree to use instead of parsing Line
	True []string `json:"true"` // tags that evaluate to true
}

// node is an expression tree in crossgo's JSON shape: {"kind": "and", "x": ..., "y": ...}.
type node struct {
	Kind string `json:"kind"` // tag, not, and, or
	Tag  string `json:"tag"`
	X    *node  `json:"x"`
	Y    *node  `json:"y"`
}

func (n *node) expr() constraint.Expr {
	switch n.Kind {
	case "tag":
		return &constraint.TagExpr{Tag: n.Tag}
	case "not":
		return &constraint.NotExpr{X: n.X.expr()}
	case "and":
		return &constraint.AndExpr{X: n.X.expr(), Y: n.Y.expr()}
	case "or":
		return &constraint.OrExpr{X: n.X.expr(), Y: n.Y.expr()}
	}
	fail(errors.New("unknown expression kind " + n.Kind))
	return nil
}

type answer struct {
	IsGo      bool     `json:"isGo"`
	IsPlus    bool     `json:"isPlus"`
	Err       *string  `json:"err"`    // Parse's error text, null on success
	Syntax    bool     `json:"syntax"` // whether Err is a *constraint.SyntaxError
	Offset    int      `json:"offset"` // its Offset
	String    string   `json:"string"`
	Eval      bool     `json:"eval"`
	Calls     []string `json:"calls"` // the tags Eval asked about, in order
	Plus      []string `json:"plus"`
	PlusErr   *string  `json:"plusErr"`
	GoVersion string   `json:"goVersion"`
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-unicode" {
		printUnicode()
		return
	}
	bench := len(os.Args) == 2 && os.Args[1] == "-bench"
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var reqs []request
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fail(err)
		}
		if bench {
			reqs = append(reqs, req)
		} else if err := enc.Encode(answerFor(req)); err != nil {
			fail(err)
		}
	}
	if err := in.Err(); err != nil {
		fail(err)
	}
	if bench {
		if err := enc.Encode(benchmark(reqs)); err != nil {
			fail(err)
		}
	}
	if err := w.Flush(); err != nil {
		fail(err)
	}
}

func answerFor(req request) answer {
	a := answer{IsGo: constraint.IsGoBuild(req.Line), IsPlus: constraint.IsPlusBuild(req.Line)}
	var x constraint.Expr
	var err error
	if req.Expr != nil {
		x = req.Expr.expr()
	} else {
		x, err = constraint.Parse(req.Line)
	}
	if err != nil {
		msg := err.Error()
		a.Err = &msg
		var se *constraint.SyntaxError
		if errors.As(err, &se) {
			a.Syntax = true
			a.Offset = se.Offset
		}
		return a
	}
	a.String = x.String()
	set := make(map[string]bool, len(req.True))
	for _, t := range req.True {
		set[t] = true
	}
	a.Calls = []string{}
	a.Eval = x.Eval(func(tag string) bool {
		a.Calls = append(a.Calls, tag)
		return set[tag]
	})
	if lines, err := constraint.PlusBuildLines(x); err != nil {
		msg := err.Error()
		a.PlusErr = &msg
	} else {
		a.Plus = lines
	}
	a.GoVersion = constraint.GoVersion(x)
	return a
}

func fail(err error) {
	os.Stderr.WriteString("oracle: " + err.Error() + "\n")
	os.Exit(1)
}

// printUnicode writes, as one JSON object, Go's Unicode version and the code point ranges
// (inclusive [lo, hi] pairs) of the runes go/build/constraint accepts in tags
// (unicode.IsLetter or unicode.IsDigit; '_' and '.' are added by the parser) and of white
// space (unicode.IsSpace, used by strings.TrimSpace and strings.Fields).
func printUnicode() {
	out := struct {
		Version string    `json:"version"`
		Tag     [][2]rune `json:"tag"`
		Space   [][2]rune `json:"space"`
	}{
		Version: unicode.Version,
		Tag:     ranges(func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }),
		Space:   ranges(unicode.IsSpace),
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(err)
	}
}

func ranges(in func(rune) bool) [][2]rune {
	out := [][2]rune{}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !in(r) {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == r-1 {
			out[n-1][1] = r
		} else {
			out = append(out, [2]rune{r, r})
		}
	}
	return out
}

// benchmark times Parse, String and Eval over all lines (the work crossgo's loader does per
// file) and reports nanoseconds per line, repeating the batch for at least a second.
func benchmark(reqs []request) map[string]float64 {
	sets := make([]map[string]bool, len(reqs))
	for i, r := range reqs {
		sets[i] = make(map[string]bool, len(r.True))
		for _, t := range r.True {
			sets[i][t] = true
		}
	}
	n := 0
	sink := 0
	start := time.Now()
	for time.Since(start) < time.Second {
		for i, r := range reqs {
			x, err := constraint.Parse(r.Line)
			if err != nil {
				sink += len(err.Error())
				continue
			}
			sink += len(x.String())
			set := sets[i]
			if x.Eval(func(tag string) bool { return set[tag] }) {
				sink++
			}
		}
		n += len(reqs)
	}
	return map[string]float64{"nsPerLine": float64(time.Since(start).Nanoseconds()) / float64(n), "sink": float64(sink)}
}
