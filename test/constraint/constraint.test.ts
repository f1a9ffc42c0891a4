// Differential tests of src/constraint against go/build/constraint (the Go helper in
// ./oracle, built with Go 1.27): every answer (line recognition, parse error text and byte
// offset, printed form, evaluation and the order it asks about tags, // +build conversion,
// minimum Go version) must be identical.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, test } from "node:test";
import { answerFor, canonical, sameAnswer } from "./answer.js";
import { generate, generateTrees } from "./generate.js";
import { askOracle, buildOracle, GO } from "./oracle.js";
import type { OracleRequest } from "./oracle.js";
import { goUnicode, TABLE_FILE, tableSource } from "./unicode-tables.js";
import { UNICODE_VERSION } from "../../src/constraint/tagrunes.js";
import { isSpace, isTagRune } from "../../src/constraint/unicode.js";

const SEED = Number(process.env.CROSSGO_CONSTRAINT_SEED ?? 20261123);
const COUNT = Number(process.env.CROSSGO_CONSTRAINT_COUNT ?? 120_000);

/** EDGE are the documented corners of go/build/constraint, asked of the oracle like the rest. */
const EDGE: string[] = [
  // Prefix recognition.
  "//go:build",
  "//go:build ",
  "//go:build\n",
  "//go:build linux\n",
  "//go:build linux\n\n",
  "//go:build linux\nfoo",
  "//go:buildlinux",
  "//go:build\tlinux",
  "//go:build\u00a0linux",
  "//go:build\u0085linux",
  "//go:build\ufefflinux",
  "//go:build linux\ufeff",
  "//go:build linux\u0085",
  "//go:build linux \u3000",
  "// go:build linux",
  " //go:build linux",
  "//go:build\r\n",
  "//go:build linux\r\n",
  "// +build",
  "// +build\n",
  "//+build linux",
  "//   +build linux",
  "//\t+build\tlinux",
  "//\u2028+build linux",
  "// +buildlinux",
  "// +build\u00a0linux",
  "// +build linux\n darwin",
  "/ / +build linux",
  "",
  "\n",
  "linux",
  // //go:build syntax.
  "//go:build linux && amd64 || darwin && !cgo",
  "//go:build linux && (amd64 || arm64)",
  "//go:build !(linux && amd64)",
  "//go:build !!linux",
  "//go:build ! ! linux",
  "//go:build !(!linux)",
  "//go:build !",
  "//go:build (",
  "//go:build ()",
  "//go:build )",
  "//go:build (linux",
  "//go:build ((linux)",
  "//go:build (linux))",
  "//go:build (linux &&",
  "//go:build ((a || b) && (c ||",
  "//go:build linux &",
  "//go:build linux & amd64",
  "//go:build linux | amd64",
  "//go:build linux ||| amd64",
  "//go:build linux &&& amd64",
  "//go:build linux && && amd64",
  "//go:build linux amd64",
  "//go:build linux,amd64",
  "//go:build linux\u00a0&& amd64",
  "//go:build linux\r&& amd64",
  "//go:build linux\v&& amd64",
  "//go:build a&&b||c&&!d",
  "//go:build \t a \t && \t b",
  "//go:build x-y",
  "//go:build é && 日本 || 𝐀",
  "//go:build 日本 本",
  "//go:build é &",
  "//go:build 😀",
  "//go:build a😀",
  "//go:build a\u0301",
  "//go:build Ⅻ",
  "//go:build ٣ && x٣",
  "//go:build go1.21 && (linux || go1.22)",
  "//go:build !go1.21 || go1",
  "//go:build xgo1.5 || go1.+7 && go1.-2",
  "//go:build go1.9223372036854775807 || go1.9223372036854775808",
  "//go:build (linux && !linux && go1.20) || go1.21",
  // // +build syntax.
  "// +build linux,amd64 darwin,!cgo",
  "// +build !!linux",
  "// +build !",
  "// +build !linux,!",
  "// +build ,linux",
  "// +build linux,",
  "// +build linux,,amd64",
  "// +build ,",
  "// +build x-y z",
  "// +build é,日本 𝐀",
  "// +build linux\u3000darwin",
  "// +build linux\u200bdarwin",
  "// +build ignore",
];

/** limits are lines at exactly Go's size limits and one past them. */
function limits(): string[] {
  const chain = (n: number, op: string) => Array<string>(n).fill("a").join(op);
  const out: string[] = [];
  for (const n of [999, 1000, 1001]) {
    out.push("//go:build " + chain(n, " || "), "//go:build " + chain(n, "&&"));
    out.push("//go:build " + "(".repeat(n) + "a" + ")".repeat(n));
    out.push("//go:build " + "(".repeat(n) + "a" + ")".repeat(n - 1));
    out.push("//go:build " + "!(".repeat(n) + "a" + ")".repeat(n));
    out.push("//go:build " + "(".repeat(n));
  }
  for (const n of [100, 101, 102]) {
    out.push("// +build " + chain(n, ","), "// +build " + chain(n, " "));
    out.push(
      "// +build " +
        Array<string>(n >> 1)
          .fill("a,b")
          .join(" "),
    );
  }
  return out;
}

/**
 * goSourceLines returns every distinct line of GOROOT/src (.go, .s and script .txt files)
 * that mentions go:build or +build, and every string literal of go/build/constraint's own
 * tests (their inputs and expected outputs alike), as lines and as //go:build and // +build
 * expressions.
 */
function goSourceLines(goroot: string): string[] {
  const lines = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(go|s|txt)$/.test(e.name)) {
        for (const l of readFileSync(p, "utf8").split("\n")) {
          if (l.includes("go:build") || l.includes("+build")) lines.add(l);
        }
      }
    }
  };
  walk(join(goroot, "src"));
  const tests = join(goroot, "src/go/build/constraint");
  for (const f of readdirSync(tests).filter((n) => n.endsWith("_test.go"))) {
    for (const m of readFileSync(join(tests, f), "utf8").matchAll(/"(?:[^"\\\n]|\\.)*"/g)) {
      let lit: string;
      try {
        lit = JSON.parse(m[0]) as string; // Go escapes JSON lacks (\x, \u{...}) are skipped
      } catch {
        continue;
      }
      lines
        .add(lit)
        .add("//go:build " + lit)
        .add("// +build " + lit);
    }
  }
  return [...lines];
}

let oracle = "";
before(async () => {
  oracle = await buildOracle();
});

/** compare asks the oracle and crossgo and fails listing the first mismatches. */
async function compare(reqs: OracleRequest[]): Promise<void> {
  const want = await askOracle(oracle, reqs);
  const bad: string[] = [];
  let mismatches = 0;
  for (const [i, req] of reqs.entries()) {
    const have = answerFor(req);
    if (sameAnswer(have, want[i]!)) continue;
    mismatches++;
    if (bad.length < 10) {
      bad.push(
        `${req.expr ? `expr ${JSON.stringify(req.expr)}` : `line ${JSON.stringify(req.line)}`}\n  have ${canonical(have)}\n  want ${canonical(want[i]!)}`,
      );
    }
  }
  assert.equal(mismatches, 0, `${mismatches} of ${reqs.length} differ:\n${bad.join("\n")}`);
}

void describe(`constraint vs go/build/constraint (${GO})`, () => {
  void test("edge cases: prefixes, operators, unicode tags, // +build literals", async () => {
    const r = (line: string, i: number) => [
      { line, true: [] },
      { line, true: ["linux", "amd64", "a", "é", "go1.21"].filter((_, j) => (i >> j) & 1) },
    ];
    await compare(EDGE.flatMap((l, i) => r(l, i)));
  });

  void test("size limits: 1000 operands for //go:build, 100 operators for // +build", async () => {
    await compare(limits().map((line) => ({ line, true: ["a"] })));
  });

  const goroot = dirname(dirname(GO));
  const haveSrc = existsSync(join(goroot, "src/go/build/constraint"));
  void test(
    "Go's own sources: constraint lines of GOROOT/src, literals of go/build/constraint's tests",
    { skip: haveSrc ? false : `no Go sources at ${goroot}/src (install golang-1.27-src)` },
    async (t) => {
      const lines = goSourceLines(goroot);
      assert.ok(lines.length > 500, `only ${lines.length} lines found in ${goroot}/src`);
      const tagSets = [["linux", "amd64"], ["cgo"], ["windows", "go1.21"]];
      await compare(lines.map((line, i) => ({ line, true: tagSets[i % 3]! })));
      t.diagnostic(`${lines.length} distinct lines`);
    },
  );

  void test(`${COUNT} generated lines, seed ${SEED}: 0 mismatches`, async () => {
    await compare(generate(SEED, COUNT));
  });

  void test(`${COUNT >> 3} generated expression trees, seed ${SEED}: 0 mismatches`, async () => {
    await compare(generateTrees(SEED, COUNT >> 3));
  });
});

void describe("constraint character classes vs Go's unicode package", () => {
  void test("every code point: tag runes and white space; tagrunes.ts is up to date", async () => {
    const go = await goUnicode(oracle);
    assert.equal(
      UNICODE_VERSION,
      go.version,
      "regenerate: npx tsx test/constraint/unicode-tables.ts",
    );
    assert.equal(
      readFileSync(TABLE_FILE, "utf8"),
      await tableSource(go),
      "src/constraint/tagrunes.ts drifted from Go's tables: npx tsx test/constraint/unicode-tables.ts",
    );
    const ours = (inClass: (c: number) => boolean) => {
      const out: [number, number][] = [];
      for (let c = 0; c <= 0x10ffff; c++) {
        if (!inClass(c)) continue;
        const last = out[out.length - 1];
        if (last !== undefined && last[1] === c - 1) last[1] = c;
        else out.push([c, c]);
      }
      return out;
    };
    const tagRune = (c: number) => isTagRune(c) && c !== 0x5f && c !== 0x2e;
    assert.deepEqual(ours(tagRune), go.tag);
    assert.deepEqual(ours(isSpace), go.space);
  });
});
