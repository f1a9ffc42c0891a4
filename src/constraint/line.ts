// Recognising build constraint lines ("//go:build ..." and "// +build ...") and parsing them.

import { NotConstraintError } from "./errors.js";
import type { Expr } from "./expr.js";
import { parseGoBuildExpr } from "./gobuild.js";
import { parsePlusBuildExpr } from "./plusbuild.js";
import { trimSpace } from "./unicode.js";

/**
 * parse parses one "//go:build" or "// +build" line (one trailing newline allowed) into its
 * expression, like Go's constraint.Parse. It throws ConstraintSyntaxError for a malformed
 * //go:build expression, TooComplexError for a // +build line with more than 100 operators,
 * and NotConstraintError for any other line.
 */
export function parse(line: string): Expr {
  const goBuild = splitGoBuild(line);
  if (goBuild !== undefined) return parseGoBuildExpr(goBuild);
  const plusBuild = splitPlusBuild(line);
  if (plusBuild !== undefined) return parsePlusBuildExpr(plusBuild);
  throw new NotConstraintError();
}

/**
 * isGoBuild reports whether line is a "//go:build" constraint: the prefix followed by white
 * space or nothing ("//go:buildx" is not). It does not check that the expression parses.
 */
export function isGoBuild(line: string): boolean {
  return splitGoBuild(line) !== undefined;
}

/**
 * isPlusBuild reports whether line is a "// +build" constraint ("//" then optional white
 * space, then "+build" followed by white space or nothing). It does not parse the rest.
 */
export function isPlusBuild(line: string): boolean {
  return splitPlusBuild(line) !== undefined;
}

/**
 * splitGoBuild returns the trimmed expression of a //go:build line, or undefined when line
 * is not one (including when it spans several lines).
 */
export function splitGoBuild(line: string): string | undefined {
  const single = singleLine(line);
  if (single === undefined || !single.startsWith("//go:build")) return undefined;
  return afterPrefix(trimSpace(single).slice("//go:build".length));
}

/**
 * splitPlusBuild returns the trimmed expression of a // +build line, or undefined when line
 * is not one. The space after "//" is optional: "//+build" counts too.
 */
export function splitPlusBuild(line: string): string | undefined {
  const single = singleLine(line);
  if (single === undefined || !single.startsWith("//")) return undefined;
  const rest = trimSpace(single.slice(2));
  if (!rest.startsWith("+build")) return undefined;
  return afterPrefix(rest.slice("+build".length));
}

/** singleLine drops one trailing newline and returns undefined if another newline remains. */
function singleLine(line: string): string | undefined {
  if (line.endsWith("\n")) line = line.slice(0, -1);
  return line.includes("\n") ? undefined : line;
}

/**
 * afterPrefix returns rest trimmed if the prefix before it ended a word: rest is empty or
 * starts with white space (the trailing side of rest is already trimmed).
 */
function afterPrefix(rest: string): string | undefined {
  const trimmed = trimSpace(rest);
  if (trimmed.length === rest.length && rest !== "") return undefined;
  return trimmed;
}
