// bench/list.ts: `crossgo list -e -json -deps std cmd` for every port of a Go release in ONE
// process, against `go list -e -json -deps std cmd` run once per port, in the same run.
// Reports both wall times, their ratio, crossgo's peak memory and whether every port's
// output is identical on the compared fields; writes its section of bench/RESULTS.md.
//
//   npx tsx bench/list.ts [--goroot /usr/lib/go-1.27] [--no-write]
//
// crossgo runs from dist/ when `npm run build` has been done (what users run), else via tsx.

import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/process/run.js";
import { diffLists, goEnv, parseJSONStream } from "../test/load/golist.js";

const args = process.argv.slice(2);
const goroot = args.includes("--goroot") ? args[args.indexOf("--goroot") + 1]! : "/usr/lib/go-1.27";
const write = !args.includes("--no-write");
const repo = join(import.meta.dirname, "..");
const cwd = mkdtempSync(join(tmpdir(), "crossgo-bench-list-")); // outside any module
const goBin = join(goroot, "bin", "go");

const version = readFileSync(join(goroot, "VERSION"), "utf8").split("\n")[0]!;
const distList = await run(goBin, ["tool", "dist", "list"], { env: goEnv(goroot), cwd });
const ports = distList.stdout.trim().split("\n");
console.log(`${version}: ${ports.length} ports`);

// crossgo: one process, every port.
const dist = join(repo, "dist", "cli", "main.js");
// Use dist/ only when it is newer than every source file of the loader and the list command.
const newest = Math.max(
  ...readdirSync(join(repo, "src", "load")).map((f) => statSync(join(repo, "src", "load", f)).mtimeMs),
  statSync(join(repo, "src", "cli", "commands", "list.ts")).mtimeMs,
);
const how = existsSync(dist) && statSync(join(repo, "dist", "load", "loader.js"), { throwIfNoEntry: false })?.mtimeMs! > newest ? "dist" : "tsx";
const script = `
import { main } from ${JSON.stringify(how === "dist" ? dist : join(repo, "src", "cli", "main.ts"))};
const t0 = performance.now();
process.exitCode = await main(${JSON.stringify(["list", "-e", "-json", "-deps", "--goroot", goroot, "--target", ports.join(","), "std", "cmd"])});
process.stderr.write(JSON.stringify({ ms: performance.now() - t0, maxRSS: process.resourceUsage().maxRSS }) + "\\n");
`;
const nodeArgs = how === "dist" ? [] : ["--import", import.meta.resolve("tsx")]; // cwd is outside the repo
const t0 = performance.now();
const cg = await run(process.execPath, [...nodeArgs, "--input-type=module", "-e", script], {
  cwd,
  env: { ...process.env, GOROOT: goroot, GOFLAGS: "" },
  maxBuffer: 2 ** 31 - 1,
});
const crossgoMs = performance.now() - t0;
if (cg.code !== 0) throw new Error(`crossgo list failed: ${cg.stderr}`);
const stats = JSON.parse(cg.stderr.trim().split("\n").pop()!) as { ms: number; maxRSS: number };
const mine = new Map<string, Record<string, unknown>[]>();
for (const o of parseJSONStream(cg.stdout)) {
  const key = `${String(o.GOOS)}/${String(o.GOARCH)}`;
  delete o.GOOS;
  delete o.GOARCH;
  (mine.get(key) ?? mine.set(key, []).get(key)!).push(o);
}
console.log(`crossgo: ${(crossgoMs / 1000).toFixed(1)} s wall (${(stats.ms / 1000).toFixed(1)} s in main), peak RSS ${(stats.maxRSS / 1024).toFixed(0)} MiB`);

// go list: once per port, sequentially.
let goMs = 0;
let identical = 0;
let packages = 0;
const mismatched: string[] = [];
for (const port of ports) {
  const [goos, goarch] = port.split("/") as [string, string];
  const t = performance.now();
  const r = await run(goBin, ["list", "-e", "-json", "-deps", "std", "cmd"], {
    cwd,
    env: goEnv(goroot, { GOOS: goos, GOARCH: goarch }),
    maxBuffer: 1 << 30,
  });
  goMs += performance.now() - t;
  if (r.code !== 0) throw new Error(`go list ${port} failed: ${r.stderr}`);
  const want = parseJSONStream(r.stdout);
  packages += want.length;
  const d = diffLists(mine.get(port) ?? [], want, undefined, 3);
  if (d.length === 0) identical++;
  else mismatched.push(`${port}: ${d.join("; ").slice(0, 300)}`);
}
console.log(`go list: ${(goMs / 1000).toFixed(1)} s wall for ${ports.length} runs`);
const ratio = goMs / crossgoMs;
console.log(`ratio ${ratio.toFixed(1)}x; identical ${identical}/${ports.length}`);
for (const m of mismatched) console.log("  " + m);

if (write) {
  const minor = /^go1\.(\d+)/.exec(version)?.[1];
  const tag = `bench/list.ts go1.${minor}`;
  const section = [
    `<!-- ${tag}: start -->`,
    `## list, Go 1.${minor} (\`npx tsx bench/list.ts --goroot ${goroot}\`)`,
    "",
    `Run ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, 2 cores shared with other work (load varies), crossgo from ${how}.`,
    "",
    `- \`crossgo list -e -json -deps --target <all ${ports.length} ports> std cmd\`, one process: **${(crossgoMs / 1000).toFixed(1)} s** wall (process start included), peak RSS **${(stats.maxRSS / 1024).toFixed(0)} MiB**`,
    `- \`go list -e -json -deps std cmd\` once per port (${version}, GOOS/GOARCH set): **${(goMs / 1000).toFixed(1)} s** wall`,
    `- ratio **${ratio.toFixed(1)}x**; ${packages} package objects; output identical on the compared fields for **${identical}/${ports.length}** ports`,
    ...mismatched.map((m) => `  - ${m}`),
    `- compared fields: ImportPath order and the fields listed in test/load/golist.ts (FIELDS); DepsErrors compared as a set per package (go sorts them unstably)`,
    `<!-- ${tag}: end -->`,
  ].join("\n");
  const file = join(repo, "bench", "RESULTS.md");
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const re = new RegExp(`<!-- ${tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: start -->[\\s\\S]*?<!-- ${tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: end -->`);
  text = re.test(text) ? text.replace(re, section) : text.trimEnd() + "\n\n" + section + "\n";
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
