// Properties of src/constraint's own API that the differential test does not see: error
// classes, UTF-16 indexes next to Go's byte offsets, round trips through the printer and
// through // +build lines, and the browser rule (no node: imports).

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";
import {
  and,
  ConstraintError,
  ConstraintSyntaxError,
  evaluate,
  format,
  isGoBuild,
  NotConstraintError,
  not,
  or,
  parse,
  plusBuildLines,
  splitGoBuild,
  SyntaxError as ExportedSyntaxError,
  tag,
  TooComplexError,
} from "../../src/constraint/index.js";
import type { Expr } from "../../src/constraint/index.js";
import { generate, Rand, TAGS } from "./generate.js";

const LINES = generate(7, 20_000).map((r) => r.line);

function tryParse(line: string): Expr | ConstraintError {
  try {
    return parse(line);
  } catch (e) {
    if (e instanceof ConstraintError) return e;
    throw e;
  }
}

function tags(x: Expr): string[] {
  switch (x.kind) {
    case "tag":
      return [x.tag];
    case "not":
      return tags(x.x);
    default:
      return [...tags(x.x), ...tags(x.y)];
  }
}

function hasDoubleNot(x: Expr): boolean {
  switch (x.kind) {
    case "tag":
      return false;
    case "not":
      return x.x.kind === "not" || hasDoubleNot(x.x);
    default:
      return hasDoubleNot(x.x) || hasDoubleNot(x.y);
  }
}

void describe("constraint API", () => {
  void test("errors are typed: syntax, not a constraint, too complex", () => {
    assert.equal(ExportedSyntaxError, ConstraintSyntaxError);
    assert.ok(tryParse("//go:build (") instanceof ConstraintSyntaxError);
    assert.ok(tryParse("// not a constraint") instanceof NotConstraintError);
    assert.ok(tryParse("// +build " + Array(102).fill("a").join(",")) instanceof TooComplexError);
    assert.throws(() => plusBuildLines(parse("//go:build (a || b) && c || d")), TooComplexError);
    for (const line of LINES) {
      const r = tryParse(line);
      if (r instanceof ConstraintError) assert.ok(r instanceof Error && r.message !== "");
    }
  });

  void test("a syntax error's index is its byte offset counted in UTF-16 units", () => {
    let seen = 0;
    for (const line of LINES) {
      const r = tryParse(line);
      if (!(r instanceof ConstraintSyntaxError)) continue;
      const text = splitGoBuild(line);
      assert.ok(text !== undefined && isGoBuild(line), line);
      const bytes = Buffer.from(text, "utf8");
      assert.equal(bytes.subarray(0, r.offset).toString("utf8"), text.slice(0, r.index), line);
      seen++;
    }
    assert.ok(seen > 1000, `only ${seen} syntax errors generated`);
  });

  void test("format round-trips: the printed form parses back to the same printed form", () => {
    for (const line of LINES) {
      const x = tryParse(line);
      if (x instanceof ConstraintError || !isGoBuild(line)) continue;
      // Like Go's String, format prints !(!a) as "!!a", which does not parse.
      if (hasDoubleNot(x)) continue;
      // The tree may regroup (a || (b || c) prints as a || b || c); the text may not change.
      const again = parse("//go:build " + format(x));
      assert.equal(format(again), format(x), line);
      assert.deepEqual(parse("//go:build " + format(again)), again, line);
    }
  });

  void test("// +build lines from plusBuildLines evaluate like the expression", () => {
    const r = new Rand(11);
    let converted = 0;
    for (const line of LINES) {
      const x = tryParse(line);
      if (x instanceof ConstraintError) continue;
      let lines: string[];
      try {
        lines = plusBuildLines(x);
      } catch (e) {
        assert.ok(e instanceof TooComplexError);
        continue;
      }
      // A line of more than 100 operators converts but does not parse back (as in Go).
      const parsed = lines.map(tryParse);
      if (parsed.some((p) => p instanceof TooComplexError)) continue;
      const back = lines.map((l) => parse(l)).reduce((a, b) => and(a, b));
      for (let k = 0; k < 4; k++) {
        const set = new Set(TAGS.filter(() => r.chance(0.5)));
        const ok = (t: string) => set.has(t);
        assert.equal(evaluate(back, ok), evaluate(x, ok), `${line} => ${lines.join(" | ")}`);
      }
      converted++;
    }
    assert.ok(converted > 5000, `only ${converted} expressions converted`);
  });

  void test("evaluate asks about every tag, left to right, without short-circuit", () => {
    const x = or(and(tag("a"), not(tag("b"))), or(tag("c"), and(tag("a"), tag("d"))));
    const calls: string[] = [];
    evaluate(x, (t) => (calls.push(t), t === "a"));
    assert.deepEqual(calls, tags(x));
  });

  void test("src/constraint imports nothing from node: (it runs in a browser)", () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), "../../src/constraint");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
      const src = readFileSync(join(dir, f), "utf8");
      assert.doesNotMatch(src, /from\s+["']node:|import\(\s*["']node:|\bBuffer\b|\bprocess\./, f);
    }
  });
});
