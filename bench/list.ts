// bench/list.ts: `crossgo list -e -json -deps std cmd` for every port of a Go release in ONE
// process, against `go list -e -json -deps std cmd` run once per port, in the same run.
// Reports both wall times, their ratio, crossgo's peak memory and whether every port's
// output is identical on the compared fields; writes its section of bench/RESULTS.md.
//
//   npx tsx bench/list.ts [--goroot /usr/lib/go-1.27] [--no-write]
//

import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/process/run.js";
import { compileCLI } from "./compiled.js";
import { writeSection } from "./results.js";
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

// crossgo: one process, every port, as compiled JavaScript.
const mainJs = await compileCLI(repo, "crossgo-bench");
const indexDir = mkdtempSync(join(tmpdir(), "crossgo-bench-index-"));

/**
 * timed runs a command with its stdout going straight to a file (no pipe through this
 * process, for both tools alike) and returns the wall time, stderr and the output.
 */
function timed(
  cmd: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  outFile: string,
): Promise<{ ms: number; code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const fd = openSync(outFile, "w");
    const t = performance.now();
    const child = spawn(cmd, argv, { cwd, env, stdio: ["ignore", fd, "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t;
      closeSync(fd);
      resolve({ ms, code, stderr, stdout: readFileSync(outFile, "utf8") });
    });
  });
}
const outFile = join(cwd, "out.json");

async function crossgo(index: boolean): Promise<{ ms: number; maxRSS: number; stdout: string }> {
  const script = `
import { main } from ${JSON.stringify(mainJs)};
process.exitCode = await main(${JSON.stringify(["list", "-e", "-json", "-deps", "--goroot", goroot, "--target", ports.join(","), "std", "cmd"])});
process.stderr.write(JSON.stringify({ maxRSS: process.resourceUsage().maxRSS }) + "\\n");
`;
  const r = await timed(
    process.execPath,
    ["--input-type=module", "-e", script],
    {
      ...process.env,
      GOROOT: goroot,
      GOFLAGS: "",
      CROSSGO_CACHE: indexDir,
      CROSSGO_LOAD_INDEX: index ? "on" : "off",
    },
    outFile,
  );
  const ms = r.ms;
  if (r.code !== 0) throw new Error(`crossgo list failed: ${r.stderr}`);
  const { maxRSS } = JSON.parse(r.stderr.trim().split("\n").pop()!) as { maxRSS: number };
  return { ms, maxRSS, stdout: r.stdout };
}

const cold = await crossgo(false); // every file read and parsed
await crossgo(true); // builds the GOROOT/src index
const warm = await crossgo(true); // reads the index
const crossgoMs = warm.ms;
const mine = new Map<string, Record<string, unknown>[]>();
for (const o of parseJSONStream(warm.stdout)) {
  const key = `${String(o.GOOS)}/${String(o.GOARCH)}`;
  delete o.GOOS;
  delete o.GOARCH;
  (mine.get(key) ?? mine.set(key, []).get(key)!).push(o);
}
const sameCold = cold.stdout === warm.stdout;
console.log(
  `crossgo: ${(warm.ms / 1000).toFixed(1)} s with the index, ${(cold.ms / 1000).toFixed(1)} s without; peak RSS ${(warm.maxRSS / 1024).toFixed(0)} / ${(cold.maxRSS / 1024).toFixed(0)} MiB; outputs identical: ${sameCold}`,
);

// go list: once per port, sequentially.
let goMs = 0;
let identical = 0;
let packages = 0;
const mismatched: string[] = [];
for (const port of ports) {
  const [goos, goarch] = port.split("/") as [string, string];
  const r = await timed(
    goBin,
    ["list", "-e", "-json", "-deps", "std", "cmd"],
    goEnv(goroot, { GOOS: goos, GOARCH: goarch }),
    outFile,
  );
  goMs += r.ms;
  if (r.code !== 0) throw new Error(`go list ${port} failed: ${r.stderr}`);
  const want = parseJSONStream(r.stdout);
  packages += want.length;
  const d = diffLists(mine.get(port) ?? [], want, undefined, 3);
  if (d.length === 0) identical++;
  else mismatched.push(`${port}: ${d.join("; ").slice(0, 300)}`);
}
console.log(`go list: ${(goMs / 1000).toFixed(1)} s wall for ${ports.length} runs`);
const ratio = goMs / crossgoMs;
const ratioCold = goMs / cold.ms;
console.log(
  `ratio ${ratio.toFixed(1)}x (without index ${ratioCold.toFixed(1)}x); identical ${identical}/${ports.length}`,
);
for (const m of mismatched) console.log("  " + m);

if (write) {
  const minor = /^go1\.(\d+)/.exec(version)?.[1];
  const tag = `bench/list.ts go1.${minor}`;
  const section = [
    `## list, Go 1.${minor} (\`npx tsx bench/list.ts --goroot ${goroot}\`)`,
    "",
    `Run ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, 2 cores shared with other engineers' work (load average 3-9, so times vary by 2x between runs), crossgo compiled by tsc.`,
    "",
    `- \`crossgo list -e -json -deps --target <all ${ports.length} ports> std cmd\`, one process (start-up included; its default --jobs spreads targets over ${Math.min(availableParallelism(), 4)} worker threads): **${(warm.ms / 1000).toFixed(1)} s** with the GOROOT/src header index (cmd/go has its module index too), **${(cold.ms / 1000).toFixed(1)} s** without (CROSSGO_LOAD_INDEX=off, every file read); peak RSS **${(warm.maxRSS / 1024).toFixed(0)} MiB** / ${(cold.maxRSS / 1024).toFixed(0)} MiB; both outputs byte-identical: ${sameCold}`,
    `- \`go list -e -json -deps std cmd\` once per port (${version}, GOOS/GOARCH set): **${(goMs / 1000).toFixed(1)} s** wall`,
    `- ratio **${ratio.toFixed(1)}x** (${ratioCold.toFixed(1)}x without the index; goal 20x); ${packages} package objects; output identical on the compared fields for **${identical}/${ports.length}** ports`,
    ...mismatched.map((m) => `  - ${m}`),
    `- compared fields: ImportPath order and the fields listed in test/load/golist.ts (FIELDS); DepsErrors compared as a set per package (go sorts them unstably)`,
  ].join("\n");
  writeSection(tag.slice("bench/".length), section);
  console.log("wrote bench/RESULTS.md");
}
