// Legacy // +build expressions: parsing a line's space-separated OR of comma-separated ANDs
// of (possibly negated) tags, and converting a //go:build expression back to such lines the
// way gofmt does (go/build/constraint's PlusBuildLines).

import { TooComplexError } from "./errors.js";
import { and, assertNever, format, not, or, tag } from "./expr.js";
import type { Expr } from "./expr.js";
import { fields, isTagRune, runeWidth } from "./unicode.js";

/**
 * MAX_OLD_SIZE bounds the && and || operators of one // +build line (Go 1.22.7+); old lines
 * were always simple, so the limit is far below the //go:build one.
 */
export const MAX_OLD_SIZE = 100;

/**
 * parsePlusBuildExpr parses the text of a // +build line after its prefix. Like Go it never
 * reports a syntax error: an invalid literal (and any "!!x" or lone "!") becomes the tag
 * "ignore", and an empty line means "ignore". It throws {@link TooComplexError} past
 * MAX_OLD_SIZE operators.
 */
export function parsePlusBuildExpr(text: string): Expr {
  let size = 0;
  let x: Expr | undefined;
  for (const clause of fields(text)) {
    let y: Expr | undefined;
    for (let lit of clause.split(",")) {
      let z: Expr;
      if (lit.startsWith("!!") || lit === "!") {
        z = tag("ignore");
      } else {
        const neg = lit.startsWith("!");
        if (neg) lit = lit.slice(1);
        z = isValidTag(lit) ? tag(lit) : tag("ignore");
        if (neg) z = not(z);
      }
      if (y === undefined) {
        y = z;
      } else {
        if (++size > MAX_OLD_SIZE) throw new TooComplexError();
        y = and(y, z);
      }
    }
    // A clause from fields is never empty, so split gave at least one literal.
    if (x === undefined) {
      x = y!;
    } else {
      if (++size > MAX_OLD_SIZE) throw new TooComplexError();
      x = or(x, y!);
    }
  }
  return x ?? tag("ignore");
}

/**
 * isValidTag reports whether word is a valid build tag: non-empty, only letters, decimal
 * digits, '_' and '.' (unlike identifiers, a leading digit is fine: "386").
 */
export function isValidTag(word: string): boolean {
  if (word === "") return false;
  for (let i = 0; i < word.length;) {
    const c = word.codePointAt(i)!;
    if (!isTagRune(c)) return false;
    i += runeWidth(c);
  }
  return true;
}

/**
 * plusBuildLines returns "// +build" lines that together (ANDed) evaluate like x. Negations
 * are pushed to the tags first (De Morgan); beyond that an expression that is not an AND of
 * ORs of ANDs of literals throws {@link TooComplexError}, as in Go.
 */
export function plusBuildLines(x: Expr): string[] {
  x = pushNot(x, false);

  // Split into an AND of ORs of ANDs of literals (tag or !tag).
  let split: Expr[][][] = [];
  for (const orExpr of splitAnd([], x)) {
    const ands: Expr[][] = [];
    for (const andExpr of splitOr([], orExpr)) {
      const lits: Expr[] = [];
      for (const lit of splitAnd([], andExpr)) {
        if (lit.kind !== "tag" && lit.kind !== "not") throw new TooComplexError();
        lits.push(lit);
      }
      ands.push(lits);
    }
    split.push(ands);
  }

  // Without any real OR, one line with all the literals says the same as many lines.
  if (split.every((ors) => ors.length <= 1)) {
    split = [[split.flatMap((ors) => ors[0] ?? [])]];
  }

  return split.map(
    (ors) => "// +build" + ors.map((ands) => " " + ands.map(format).join(",")).join(""),
  );
}

/**
 * pushNot applies De Morgan's laws so that only tags are negated in the result; negate says
 * whether x sits under an odd number of negations.
 */
function pushNot(x: Expr, negate: boolean): Expr {
  switch (x.kind) {
    case "not":
      if (x.x.kind === "tag" && !negate) return x;
      return pushNot(x.x, !negate);
    case "tag":
      return negate ? not(x) : x;
    case "and": {
      const l = pushNot(x.x, negate);
      const r = pushNot(x.y, negate);
      if (negate) return or(l, r);
      return l === x.x && r === x.y ? x : and(l, r);
    }
    case "or": {
      const l = pushNot(x.x, negate);
      const r = pushNot(x.y, negate);
      if (negate) return and(l, r);
      return l === x.x && r === x.y ? x : or(l, r);
    }
    default:
      return assertNever(x);
  }
}

/** splitAnd appends x to list, splitting apart top-level && operands. */
function splitAnd(list: Expr[], x: Expr): Expr[] {
  if (x.kind === "and") {
    splitAnd(list, x.x);
    splitAnd(list, x.y);
  } else {
    list.push(x);
  }
  return list;
}

/** splitOr appends x to list, splitting apart top-level || operands. */
function splitOr(list: Expr[], x: Expr): Expr[] {
  if (x.kind === "or") {
    splitOr(list, x.x);
    splitOr(list, x.y);
  } else {
    list.push(x);
  }
  return list;
}
