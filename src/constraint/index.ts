// Package-level entry point of src/constraint: parsing, evaluation and printing of Go build
// constraints ("//go:build" and legacy "// +build" lines) with go/build/constraint's
// semantics (Go 1.22.7 and later; Go 1.21 and older lack the size limits). No node: imports: this
// module runs in a browser too.

export type { AndExpr, Expr, NotExpr, OrExpr, TagExpr } from "./expr.js";
export { and, assertNever, evaluate, format, not, or, tag } from "./expr.js";
export {
  ConstraintError,
  ConstraintSyntaxError,
  ConstraintSyntaxError as SyntaxError,
  NotConstraintError,
  TooComplexError,
} from "./errors.js";
export { isGoBuild, isPlusBuild, parse, splitGoBuild, splitPlusBuild } from "./line.js";
export { MAX_SIZE, parseGoBuildExpr } from "./gobuild.js";
export { MAX_OLD_SIZE, isValidTag, parsePlusBuildExpr, plusBuildLines } from "./plusbuild.js";
export { goVersion } from "./version.js";
