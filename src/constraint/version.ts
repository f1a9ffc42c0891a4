// The minimum Go version a build expression implies (go/build/constraint's GoVersion), used
// by the go command to check //go:build go1.N lines against a module's go version.

import { assertNever } from "./expr.js";
import type { Expr } from "./expr.js";

const NONE = -1n; // no version implied
const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;

/**
 * goVersion returns the minimum Go version ("go1.22") implied by x, or "" if x can be
 * satisfied without any Go version tag. Like Go's analysis it is structural: every tag and
 * negated tag is assumed independently satisfiable, so !go1.22 implies nothing and
 * (go1.20 && !go1.20) || go1.21 implies go1.20.
 */
export function goVersion(x: Expr): string {
  const v = minVersion(x, true);
  if (v < 0n) return "";
  if (v === 0n) return "go1";
  return `go1.${v}`;
}

/** minVersion returns the minor version implied by x (or by !x when positive is false). */
function minVersion(x: Expr, positive: boolean): bigint {
  switch (x.kind) {
    case "and": {
      const l = minVersion(x.x, positive);
      const r = minVersion(x.y, positive);
      return positive ? max(l, r) : min(l, r);
    }
    case "or": {
      const l = minVersion(x.x, positive);
      const r = minVersion(x.y, positive);
      return positive ? min(l, r) : max(l, r);
    }
    case "not":
      return minVersion(x.x, !positive);
    case "tag":
      return positive ? tagVersion(x.tag) : NONE;
    default:
      return assertNever(x);
  }
}

/**
 * tagVersion returns N for a tag "go1.N" and 0 for "go1". Go finds "go1." anywhere in the tag
 * (strings.Cut, not a prefix match) and reads N with strconv.Atoi, so a sign is accepted and
 * N must fit in an int64; these quirks are kept to match it.
 */
function tagVersion(t: string): bigint {
  if (t === "go1") return 0n;
  const at = t.indexOf("go1.");
  if (at < 0) return NONE;
  const n = t.slice(at + "go1.".length);
  if (!/^[+-]?[0-9]+$/.test(n)) return NONE;
  const v = BigInt(n);
  return v < MIN_INT64 || v > MAX_INT64 ? NONE : v;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
