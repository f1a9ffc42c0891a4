// Benchmark and wide differential run of src/constraint against go/build/constraint:
//   npx tsx bench/constraint.ts [--count N] [--seed S]
// 1. N generated lines (default 1,000,000) against the Go 1.27 oracle: mismatches.
// 2. 100,000 lines against every installed Go (/usr/lib/go-1.*): which releases agree.
// 3. Time per line of parse + format + evaluate, crossgo in-process vs Go in-process. A
//    thrown error costs crossgo a stack capture (~5-10 us), so error-heavy mixes favour Go.
// Writes its own section of bench/RESULTS.md.

import { existsSync, readdirSync } from "node:fs";
import { writeSection } from "./results.js";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ConstraintError, evaluate, format, parse } from "../src/constraint/index.js";
import type { Expr } from "../src/constraint/index.js";
import { run } from "../src/process/run.js";
import { answerFor, sameAnswer } from "../test/constraint/answer.js";
import { generate, generateTrees } from "../test/constraint/generate.js";
import { askOracle, buildOracle, GO, goEnv } from "../test/constraint/oracle.js";
import type { OracleAnswer, OracleRequest } from "../test/constraint/oracle.js";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "1000000" },
    seed: { type: "string", default: "1" },
  },
});
const COUNT = Number(values.count);
const SEED = Number(values.seed);
const CHUNK = 100_000; // requests per oracle run, to bound memory

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "RESULTS.md");

function mismatches(reqs: OracleRequest[], want: OracleAnswer[]): number {
  let n = 0;
  for (const [i, r] of reqs.entries()) if (!sameAnswer(answerFor(r), want[i]!)) n++;
  return n;
}

function log(s: string): void {
  process.stdout.write(s + "\n");
}

const out: string[] = [];
const oracle = await buildOracle();

// 1. The wide differential run.
let bad = 0;
const t0 = performance.now();
for (let done = 0; done < COUNT; done += CHUNK) {
  const reqs = generate(SEED * 1_000_003 + done, Math.min(CHUNK, COUNT - done));
  bad += mismatches(reqs, await askOracle(oracle, reqs));
}
const trees = generateTrees(SEED, Math.min(CHUNK, COUNT >> 3));
bad += mismatches(trees, await askOracle(oracle, trees));
const secs = ((performance.now() - t0) / 1000).toFixed(1);
const wide = `${COUNT} generated lines + ${trees.length} expression trees (seed ${SEED}) vs ${GO}: **${bad} mismatches** (${secs} s)`;
log(wide);
out.push(`- ${wide}`);

// 2. Every installed Go release.
const sample = generate(SEED + 17, 100_000);
const versions = existsSync("/usr/lib")
  ? readdirSync("/usr/lib")
      .filter((d) => /^go-1\.\d+$/.test(d))
      .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
  : [];
out.push("- The same 100,000 generated lines against each installed Go:");
for (const d of versions) {
  const go = join("/usr/lib", d, "bin/go");
  let line: string;
  try {
    const exe = await buildOracle(go);
    const v = (await run(go, ["env", "GOVERSION"], { env: goEnv() })).stdout.trim();
    const n = mismatches(sample, await askOracle(exe, sample));
    line = `${v}: ${n === 0 ? "identical" : `${n} mismatches`}`;
  } catch (e) {
    const why = e instanceof Error ? e.message.trim().split("\n").pop() : String(e);
    line = `${d}: not measured (${why})`;
  }
  log(line);
  out.push(`  - ${line}`);
}

out.push(
  "  - Go 1.21 and older have no size limits (added in Go 1.22.7 and 1.23.1, CVE-2024-34158), so lines past them parse there; constraint.GoVersion is new in Go 1.21.",
);

// 3. The same work per line on both sides, each in its own process.
async function goNsPerLine(lines: readonly OracleRequest[]): Promise<number> {
  const input = lines.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const r = await run(oracle, ["-bench"], { input, env: goEnv() });
  return (JSON.parse(r.stdout) as { nsPerLine: number }).nsPerLine;
}

function jsNsPerLine(lines: readonly OracleRequest[]): number {
  const sets = lines.map((r) => new Set(r.true));
  let n = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (const [i, r] of lines.entries()) {
      let x: Expr;
      try {
        x = parse(r.line);
      } catch (e) {
        if (!(e instanceof ConstraintError)) throw e;
        sink += e.message.length;
        continue;
      }
      sink += format(x).length;
      const set = sets[i]!;
      if (evaluate(x, (t) => set.has(t))) sink++;
    }
    n += lines.length;
  }
  if (sink === 0) throw new Error("benchmark did no work");
  return ((performance.now() - start) * 1e6) / n;
}

const mix = generate(SEED + 29, 100_000);
const parses = (r: OracleRequest) => {
  try {
    parse(r.line);
    return true;
  } catch {
    return false;
  }
};
const sets: [string, OracleRequest[]][] = [
  ["the generated mix", mix],
  ["its lines of at most 120 characters", mix.filter((r) => r.line.length <= 120)],
  // What a loader does per file: the line is a constraint and it parses.
  ["those of them that parse", mix.filter((r) => r.line.length <= 120 && parses(r))],
];
for (const [name, lines] of sets) {
  const js = jsNsPerLine(lines);
  const go = await goNsPerLine(lines);
  const speed = `parse + format + evaluate, ${name} (${lines.length} lines): crossgo ${js.toFixed(0)} ns/line, Go ${go.toFixed(0)} ns/line (crossgo/Go ${(js / go).toFixed(2)})`;
  log(speed);
  out.push(`- ${speed}`);
}

writeSection(
  "constraint.ts",
  [
    "## constraint (`npx tsx bench/constraint.ts`)",
    "",
    `Run ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, 2 shared cores.`,
    "",
    ...out,
  ].join("\n"),
);
log(`wrote ${RESULTS}`);
