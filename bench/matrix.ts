// The build driver's matrix benchmark and full identity check:
//   npx tsx bench/matrix.ts [--goroot /usr/lib/go-1.27] [--targets all] [--no-go] [--rounds N]
// 1. Cold: `crossgo build --reproducible` of test/work/testdata/hello for every port that links
//    without cgo, in one graph, from an empty cache; then a loop of `go build -trimpath
//    -buildvcs=false -ldflags="-s -w -buildid="` over the same ports from an empty GOCACHE.
//    Wall time, CPU seconds (children included) and utilisation of both. With --rounds N the
//    two alternate N times, each from empty caches, and the median ratio is reported: on a
//    shared machine the speed of the same work drifts by 20% within an hour.
// 2. Identity: every crossgo executable against go build's, sha256 for sha256.
// 3. Warm no-op: both again with their caches full.
// Writes its own section of bench/RESULTS.md.

import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { writeSection } from "./results.js";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { compileCLI } from "./compiled.js";
import { selectTargets } from "../src/platform/index.js";
import { run } from "../src/process/run.js";
import { readGoroot } from "../src/toolchain/goroot.js";
import { resolveTarget } from "../src/platform/resolve.js";
import { gorootPlatform } from "../src/toolchain/platform.js";
import { targetEnv, targetOf } from "../src/work/target.js";
import { goEnv, sha256File } from "../test/work/oracle.js";

const { values } = parseArgs({
  options: {
    goroot: { type: "string", default: "/usr/lib/go-1.27" },
    targets: { type: "string", default: "all" },
    "no-go": { type: "boolean", default: false },
    rounds: { type: "string", default: "1" },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const cores = availableParallelism();

const GOROOT = values.goroot;
const gr = readGoroot(GOROOT);
const hello = join(repo, "test", "work", "testdata", "hello");
const work = join(tmpdir(), "crossgo-bench-matrix");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const all = selectTargets([values.targets], { platform: gorootPlatform(gr) }).filter(
  (t) => t.port.Broken !== true,
);
const ports = all.filter((t) => t.externalLinkReason === undefined).map((t) => t.name);
const external = all.filter((t) => t.externalLinkReason !== undefined).map((t) => t.name);

interface Timed {
  wall: number; // seconds
  cpu: number; // user+sys seconds of the command and its children
  code: number | null;
  stderr: string;
}

// timed runs argv under bash and reads the children's CPU time from the `times` builtin.
async function timed(argv: string[], env: Record<string, string>, cwd: string): Promise<Timed> {
  const quoted = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const t0 = performance.now();
  const r = await run(
    "bash",
    ["-c", `${quoted} >"$BENCH_OUT" 2>"$BENCH_ERR"; code=$?; times; exit $code`],
    { cwd, env: { ...env, BENCH_OUT: join(work, "out.txt"), BENCH_ERR: join(work, "err.txt") } },
  );
  const wall = (performance.now() - t0) / 1000;
  const lines = r.stdout.trim().split("\n");
  const child = lines[lines.length - 1] ?? "";
  const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  let stderr = "";
  try {
    stderr = readFileSync(join(work, "err.txt"), "utf8");
  } catch {
    // none
  }
  return { wall, cpu: (secs[0] ?? 0) + (secs[1] ?? 0), code: r.code, stderr };
}

const crossgoArgv = (cache: string, out: string) => [
  process.execPath,
  "--import",
  "tsx",
  join(repo, "test", "work", "cli-entry.ts"),
  "build",
  "--json",
  "--goroot",
  GOROOT,
  "-C",
  hello,
  "-t",
  ports.join(","),
  "--reproducible",
  "--cache",
  cache,
  "-o",
  out,
  ".",
];

async function goLoop(gocache: string, outDir: string): Promise<Timed> {
  const total: Timed = { wall: 0, cpu: 0, code: 0, stderr: "" };
  for (const spec of ports) {
    const t = targetOf(resolveTarget(spec, { platform: gorootPlatform(gr) }));
    const out = join(outDir, spec.replaceAll("/", "_"));
    const r = await timed(
      [
        join(GOROOT, "bin", "go"),
        "build",
        "-trimpath",
        "-buildvcs=false",
        "-ldflags=-s -w -buildid=",
        "-o",
        out,
        ".",
      ],
      goEnv(GOROOT, { ...targetEnv(t), GOCACHE: gocache }),
      hello,
    );
    total.wall += r.wall;
    total.cpu += r.cpu;
    if (r.code !== 0) {
      total.code = r.code;
      total.stderr += `${spec}: ${r.stderr}\n`;
    }
  }
  return total;
}

const env = goEnv(GOROOT);
const cache = join(work, "crossgo-cache");
const cgOut = join(work, "dist");
console.log(`${String(ports.length)} ports: ${ports.join(" ")}`);

const rounds = Math.max(1, Number(values.rounds) || 1);
const gocache = join(work, "gocache");
const goOut = join(work, "go");
interface Round {
  x: Timed;
  g?: Timed;
}
const cold: Round[] = [];
for (let i = 0; i < rounds; i++) {
  rmSync(cache, { recursive: true, force: true });
  const x = await timed(crossgoArgv(cache, cgOut), env, repo);
  if (x.code !== 0) console.error(x.stderr);
  console.log(
    `round ${String(i + 1)}: crossgo cold: ${x.wall.toFixed(1)} s wall, ${x.cpu.toFixed(1)} s CPU`,
  );
  const r: Round = { x };
  if (!values["no-go"]) {
    rmSync(gocache, { recursive: true, force: true });
    const g = await goLoop(gocache, goOut);
    if (g.code !== 0) console.error(g.stderr);
    console.log(
      `round ${String(i + 1)}: go build loop cold: ${g.wall.toFixed(1)} s wall, ${g.cpu.toFixed(1)} s CPU`,
    );
    r.g = g;
  }
  cold.push(r);
}
const ratio = (r: Round) => (r.g ? r.x.wall / r.g.wall : 0);
// The median round by wall-time ratio (for an even count the upper middle one: the worse).
const median =
  [...cold].sort((a, b) => ratio(a) - ratio(b))[Math.floor(cold.length / 2)] ?? cold[0]!;
const coldX = median.x;
const coldG = median.g;
const warmX = await timed(crossgoArgv(cache, cgOut), env, repo);
console.log(`crossgo warm no-op: ${warmX.wall.toFixed(2)} s wall`);
const events = readFileSync(join(work, "out.txt"), "utf8");
const warmTools = events.split("\n").filter((l) => l.includes('"event":"tool"')).length;

// The warm no-op again through compiled JavaScript (no tsx transpiling at start-up), as the
// published CLI runs: median of three.
const mainJs = await compileCLI(repo, "crossgo-bench-matrix");
const script = `import { main } from ${JSON.stringify(mainJs)}; process.exitCode = await main(${JSON.stringify(crossgoArgv(cache, cgOut).slice(4))});`;
const walls: number[] = [];
for (let i = 0; i < 3; i++) {
  const r = await timed([process.execPath, "--input-type=module", "-e", script], env, repo);
  if (r.code !== 0) throw new Error(`compiled CLI failed: ${r.stderr.slice(0, 1000)}`);
  walls.push(r.wall);
}
const warmJS = walls.sort((a, b) => a - b)[1];
console.log(`crossgo warm no-op (compiled JS): ${(warmJS ?? 0).toFixed(2)} s wall`);

let warmG: Timed | undefined;
const mismatched: string[] = [];
let compared = 0;
if (!values["no-go"]) {
  warmG = await goLoop(gocache, goOut);
  console.log(`go build loop warm: ${warmG.wall.toFixed(2)} s wall`);
  const sums = new Map(
    readFileSync(join(cgOut, "SHA256SUMS"), "utf8")
      .trim()
      .split("\n")
      .map((l) => [l.slice(66), l.slice(0, 64)] as const),
  );
  for (const spec of ports) {
    const t = targetOf(resolveTarget(spec, { platform: gorootPlatform(gr) }));
    const rel = `hello_${t.goos}_${t.goarch}${t.variant !== undefined ? "_" + t.variant : ""}/hello${t.goos === "windows" ? ".exe" : ""}`;
    let want: string;
    try {
      want = sha256File(join(goOut, spec.replaceAll("/", "_")));
    } catch {
      want = "(go build failed)";
    }
    compared++;
    if (sums.get(rel) !== want)
      mismatched.push(`${spec} (crossgo ${sums.get(rel) ?? "missing"}, go ${want})`);
  }
  console.log(`identity: ${String(compared - mismatched.length)}/${String(compared)} identical`);
}

const util = (t: Timed) => `${((100 * t.cpu) / (t.wall * cores)).toFixed(0)}%`;
const lines = [
  "## build driver matrix (`npx tsx bench/matrix.ts`)",
  "",
  `Run ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, ${String(cores)} cores, 1-minute load average ${loadavg()[0]!.toFixed(1)} when written, ${gr.version}, test/work/testdata/hello, --reproducible.`,
  "",
  `- Ports: ${String(ports.length)} that link without cgo (skipped, need external linking: ${external.join(", ") || "none"}).`,
  `- crossgo cold (one graph, empty cache): **${coldX.wall.toFixed(1)} s** wall, ${coldX.cpu.toFixed(1)} s CPU, utilisation ${util(coldX)}; CPU/cores = ${(coldX.cpu / cores).toFixed(1)} s (wall is ${((100 * coldX.wall) / (coldX.cpu / cores) - 100).toFixed(0)}% above it).`,
];
if (coldG && warmG) {
  lines.push(
    `- go build loop cold (empty GOCACHE): **${coldG.wall.toFixed(1)} s** wall, ${coldG.cpu.toFixed(1)} s CPU, utilisation ${util(coldG)}. crossgo/go wall: **${(coldX.wall / coldG.wall).toFixed(2)}x** (goal <= 0.85x); CPU: ${(coldX.cpu / coldG.cpu).toFixed(2)}x.`,
  );
  if (cold.length > 1)
    lines.push(
      `- ${String(cold.length)} rounds, alternating, each from empty caches (the median round is shown above): ${cold.map((r, i) => `${String(i + 1)}: ${r.x.wall.toFixed(1)} s / ${(r.g?.wall ?? 0).toFixed(1)} s = ${ratio(r).toFixed(2)}x`).join("; ")}.`,
    );
  lines.push(
    `- Warm no-op (goal < 1 s): crossgo **${warmJS !== undefined ? warmJS.toFixed(2) : "n/a"} s** from compiled JavaScript (median of 3), ${warmX.wall.toFixed(2)} s through tsx (${String(warmTools)} tool runs); go build loop ${warmG.wall.toFixed(2)} s.`,
  );
  lines.push(
    `- Identity: **${String(compared - mismatched.length)}/${String(compared)}** executables sha256-identical to go build${mismatched.length > 0 ? `; differing: ${mismatched.join(", ")}` : ""}.`,
  );
} else {
  lines.push(
    `- Warm no-op: crossgo **${warmX.wall.toFixed(2)} s** (${String(warmTools)} tool runs). go build loop not run (--no-go).`,
  );
}
const section = lines.join("\n");
writeSection("matrix.ts", section);
console.log(section);
