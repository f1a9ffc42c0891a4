// A seeded generator of build constraint lines for the differential test: well-formed
// //go:build and // +build lines over a pool of ordinary and awkward tags, the same lines
// with random edits, lines around Go's size limits, and near-miss prefixes.

import { and, not, or, tag } from "../../src/constraint/index.js";
import type { Expr } from "../../src/constraint/index.js";
import type { OracleRequest } from "./oracle.js";

/** Rand is a small seeded PRNG (mulberry32): the same seed gives the same cases everywhere. */
export class Rand {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** next returns a float in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

/** TAGS are the tags expressions are made of; some are invalid in //go:build on purpose. */
export const TAGS = [
  ...["linux", "darwin", "windows", "ios", "android", "amd64", "arm64", "386", "wasm", "cgo"],
  ...["unix", "gc", "gccgo", "ignore", "a", "b", "c", "x_y", "_", ".", "a.b", "amd64.v3"],
  ...["goexperiment.rangefunc", "go1", "go1.0", "go1.9", "go1.21", "go1.22", "go1.27", "xgo1.5"],
  ...["go1.-3", "go1.+4", "go1.05", "go1.1.2", "go1.", "go1.9223372036854775807"],
  ...["go1.9223372036854775808", "go1.99999999999999999999", "go1.٣"],
  // Letters of every category and plane and decimal digits of every script are tag runes.
  ...["é", "日本", "ß", "ǅ", "ʰ", "𝐀", "٣", "x٣"],
];

/** NON_TAGS contain runes that are not tag runes (Nl, No, Mn, symbols): rarer than TAGS. */
export const NON_TAGS = ["Ⅻ", "〇", "²", "a\u0301", "😀", "x-y"];

/** anyTag returns a tag, now and then one that is not valid. */
function anyTag(r: Rand): string {
  return r.chance(0.02) ? r.pick(NON_TAGS) : r.pick(TAGS);
}

const SEPARATORS = ["", " ", " ", " ", "\t", "  ", " \t "];
const EDIT_CHARS = [
  ...NON_TAGS,
  ...Array.from("&|!() \t,.+-_#/:\r\v\f\n"),
  ...["a", "Z", "9"],
  ...["\u00a0", "\u0085", "\u2028", "\u3000", "\ufeff", "\u200b", "é", "𝐀", "😀", "\u0301"],
  ...["&&", "||", "!!", "()", "//"],
];
const GO_PREFIXES = [
  ...["//go:build\t", "//go:build", "//go:build  ", "//go:build\u00a0", "//go:build\u0085"],
  ...["//go:build\u3000", "//go:build\v", "//go:build\ufeff", "//go:buildx ", "// go:build "],
  ...["//go:build\n", " //go:build ", "/*go:build*/ ", "//GO:build ", "//go:build\r", "//+build "],
];
const PLUS_PREFIXES = [
  ...["//+build ", "//\t+build ", "//  +build\t", "//\u00a0+build ", "//\u0085+build "],
  ...["//\ufeff+build ", "// +build", "// +buildx ", "/ / +build ", "// + build ", "// +Build "],
  ...["// +build\u2028", "//go:build ", "//\n+build "],
];
const SUFFIXES = [
  ...["\n", " ", "\t", "\r", "\r\n", "\u00a0", "\ufeff", "\u0085", "\n\n", " // x", "\u2028"],
];

/** goBuildExpr returns a random well-formed expression text with depth at most depth. */
function goBuildExpr(r: Rand, depth: number): string {
  const sep = () => r.pick(SEPARATORS);
  const roll = r.int(10);
  if (depth <= 0 || roll < (depth > 2 ? 1 : 3)) return anyTag(r);
  if (roll < 5) {
    const inner = goBuildExpr(r, depth - 1);
    // !!x is an error; !(!x) is not. Mostly negate tags and parenthesised groups.
    return "!" + sep() + (r.chance(0.5) ? inner : "(" + sep() + inner + sep() + ")");
  }
  if (roll < 6) return "(" + sep() + goBuildExpr(r, depth - 1) + sep() + ")";
  const op = r.chance(0.5) ? "&&" : "||";
  return goBuildExpr(r, depth - 1) + sep() + op + sep() + goBuildExpr(r, depth - 1);
}

/** plusBuildBody returns a random // +build expression text. */
function plusBuildBody(r: Rand): string {
  const clauses: string[] = [];
  const n = r.int(5);
  for (let i = 0; i < n; i++) {
    const lits: string[] = [];
    const m = 1 + r.int(4);
    for (let j = 0; j < m; j++) {
      const neg = r.pick(["", "", "", "!", "!", "!!", "!!!"]);
      lits.push(r.chance(0.05) ? r.pick(["", "!"]) : neg + anyTag(r));
    }
    clauses.push(lits.join(","));
  }
  let out = "";
  for (const c of clauses) {
    out += (out === "" ? "" : r.pick([" ", " ", "\t", "  ", "\u00a0", "\u3000", "\v"])) + c;
  }
  return out;
}

/** mutate applies one to three random edits (insert, delete, replace) to s. */
function mutate(r: Rand, s: string): string {
  const chars = Array.from(s);
  const edits = 1 + r.int(3);
  for (let k = 0; k < edits; k++) {
    const at = r.int(chars.length + 1);
    const kind = r.int(3);
    if (kind === 0 || chars.length === 0) chars.splice(at, 0, r.pick(EDIT_CHARS));
    else if (kind === 1) chars.splice(Math.min(at, chars.length - 1), 1);
    else chars[Math.min(at, chars.length - 1)] = r.pick(EDIT_CHARS);
  }
  return chars.join("");
}

/** limitLine returns a //go:build or // +build line of about Go's size limits. */
function limitLine(r: Rand): string {
  const n = r.pick([99, 100, 101, 102, 998, 999, 1000, 1001, 1002]) + r.int(3) - 1;
  switch (r.int(5)) {
    case 0: // a long chain of binary operators
      return (
        "//go:build " +
        Array.from({ length: n }, () => r.pick(["a", "!b", "c"])).join(
          r.pick([" || ", " && ", "&&"]),
        )
      );
    case 1: // deep parentheses
      return "//go:build " + "(".repeat(n) + "a" + ")".repeat(r.chance(0.9) ? n : n - 1);
    case 2: // deep negated parentheses
      return "//go:build " + "!(".repeat(n >> 1) + "a" + ")".repeat(n >> 1);
    case 3: // a wide // +build line
      return (
        "// +build " +
        Array.from({ length: n % 200 }, () => r.pick(["a", "!b"])).join(r.pick([",", " "]))
      );
    default: // a wide // +build line of several clauses
      return "// +build " + Array.from({ length: 1 + (n % 60) }, () => "a,b").join(" ");
  }
}

// The usual prefix most of the time, one of the odd ones otherwise.
function goPrefix(r: Rand): string {
  return r.chance(0.75) ? "//go:build " : r.pick(GO_PREFIXES);
}
function plusPrefix(r: Rand): string {
  return r.chance(0.75) ? "// +build " : r.pick(PLUS_PREFIXES);
}
function suffix(r: Rand): string {
  return r.chance(0.75) ? "" : r.pick(SUFFIXES);
}

/** trueSet picks the tags that are true for one evaluation. */
function trueSet(r: Rand): string[] {
  return TAGS.filter(() => r.chance(0.5));
}

/** generate returns n requests from the seed; the mix is fixed by the seed alone. */
export function generate(seed: number, n: number): OracleRequest[] {
  const r = new Rand(seed);
  const out: OracleRequest[] = [];
  for (let i = 0; i < n; i++) {
    let line: string;
    const kind = r.int(100);
    if (kind < 35) {
      line = goPrefix(r) + goBuildExpr(r, 1 + r.int(6)) + suffix(r);
    } else if (kind < 60) {
      // Mostly edit the expression; sometimes the prefix and suffix too.
      const body = goBuildExpr(r, 1 + r.int(5));
      line = r.chance(0.85)
        ? goPrefix(r) + mutate(r, body) + suffix(r)
        : mutate(r, goPrefix(r) + body + suffix(r));
    } else if (kind < 80) {
      line = plusPrefix(r) + plusBuildBody(r) + suffix(r);
    } else if (kind < 92) {
      const body = plusBuildBody(r);
      line = r.chance(0.85)
        ? plusPrefix(r) + mutate(r, body) + suffix(r)
        : mutate(r, plusPrefix(r) + body + suffix(r));
    } else if (kind < 94) {
      line = limitLine(r);
    } else {
      // Short strings of operators and prefixes: the error paths of the lexer and parser.
      line = r.pick(["//go:build ", "// +build ", "//go:build"]);
      for (let k = r.int(6); k > 0; k--) line += r.pick(EDIT_CHARS);
    }
    out.push({ line, true: trueSet(r) });
  }
  return out;
}

/** tree returns a random expression tree, nested either way and with any tag text. */
function tree(r: Rand, depth: number): Expr {
  const roll = r.int(10);
  if (depth <= 0 || roll < 2) return tag(r.chance(0.05) ? r.pick(NON_TAGS) : r.pick(TAGS));
  if (roll < 4) return not(tree(r, depth - 1));
  const op = r.chance(0.5) ? and : or;
  return op(tree(r, depth - 1), tree(r, depth - 1));
}

/**
 * generateTrees returns n requests carrying expression trees built directly (not parsed):
 * right-nested operators, !!x and tags the parser would reject exercise the printer,
 * evaluator, PlusBuildLines and GoVersion beyond what parsing produces.
 */
export function generateTrees(seed: number, n: number): OracleRequest[] {
  const r = new Rand(seed);
  const out: OracleRequest[] = [];
  for (let i = 0; i < n; i++) out.push({ line: "", expr: tree(r, 1 + r.int(7)), true: trueSet(r) });
  return out;
}
