// Fuzzes every binary reader with a million seeded mutations of real binaries and objects
// (the test run does ~14,000): only typed errors, no runaway loops, reads bounded by the input,
// and peak memory reported. Run: npx tsx bench/fuzz.ts [--cases N] [--seed S] [--no-write]
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { buildBinary, mapLimit } from "../test/binfmt/gobuild.js";
import { fuzz, FuzzCorpus, FuzzObjects } from "../test/binfmt/fuzz.js";
import type { ReadStats } from "../test/binfmt/fuzz.js";
import { clangObject, hasTool } from "../test/binfmt/objects.js";
import { writeSection } from "./results.js";

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const total = arg("cases", 1_000_000);
const seed = arg("seed", 1);

const paths = await mapLimit(FuzzCorpus, 2, buildBinary);
if (hasTool("clang")) for (const [t, pic] of FuzzObjects) paths.push(await clangObject(t, pic));
const corpus = await Promise.all(
  paths.map(async (p) => ({ name: basename(p), bytes: new Uint8Array(await readFile(p)) })),
);
const per = Math.ceil(total / corpus.length);

let peakRss = process.memoryUsage().rss;
const rows: string[] = [];
let cases = 0;
let failures = 0;
const t0 = performance.now();
for (const c of corpus) {
  let worstRead = 0;
  let worstBytes = 0;
  const t = performance.now();
  const fails = await fuzz([c], per, seed, (s: ReadStats) => {
    worstRead = Math.max(worstRead, s.maxRead);
    worstBytes = Math.max(worstBytes, s.bytes);
    if ((++cases & 4095) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  });
  failures += fails.length;
  for (const f of fails) console.error(`FAIL ${f.corpus} seed ${f.seed} (${f.kind}): ${f.error}`);
  const ms = performance.now() - t;
  const row = `| ${c.name} | ${c.bytes.length} | ${per} | ${fails.length} | ${((ms * 1000) / per).toFixed(0)} | ${worstRead} | ${(worstBytes / c.bytes.length).toFixed(2)} |`;
  rows.push(row);
  console.log(row);
}
const secs = (performance.now() - t0) / 1000;
const body = `## binfmt fuzzing (\`npx tsx bench/fuzz.ts\`)

Run ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, 2 shared cores: ${cases} cases (seed ${seed}) in ${secs.toFixed(0)} s,
**${failures} untyped exceptions**, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB. Mutations: truncation, up to 16 random
bytes, up to 3 header fields set to edge values (0xffffffff, 0x7fffffff, 0x80000000, ...) or random values,
in either byte order. "bytes read/size" is the most any single case read, relative to the input.

| input | size | cases | untyped errors | µs/case | largest read | bytes read/size |
|---|---|---|---|---|---|---|
${rows.join("\n")}
`;
console.log(body);
if (!process.argv.includes("--no-write")) writeSection("fuzz.ts", body);
process.exitCode = failures > 0 ? 1 : 0;
