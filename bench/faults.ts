// The fault script of issue 14: disturb crossgo the ways a hostile tester did, and after each
// disturbance check that the next build is byte-identical to go build's (the undisturbed
// build) and that every failure was one line with its cause.
//   npx tsx bench/faults.ts [--goroot /usr/lib/go-1.27] [--targets linux/amd64,linux/arm64,windows/amd64]
//                           [--kills 10] [--corrupt 20] [--seed N] [--cli FILE] [--json] [--write]
// 1. kill -9 of a build at --kills random points (after a random number of tool starts),
//    from an empty cache; then the build runs to the end.
// 2. --corrupt random cache files damaged in place (one byte, same size and time stamps).
// 3. two concurrent builds on one cache (with a random third of its entries removed).
// 4. EPIPE on every command: stdout is a pipe whose reader is gone before crossgo writes.
// 5. a read-only output directory (a tmpfs mounted read-only), then writable again.
// 6. a full cache file system (a tmpfs holding a copy of the cache, filled up), then room again.
// 5 and 6 need mount(8) (root); when it fails they are printed "skipped: cannot mount tmpfs
// (reason)", never as passed. Exit status 1 when a check failed. --cli runs that JavaScript
// entry (e.g. bin/crossgo.js) instead of compiling the repository first. --json prints the
// results as one JSON array on stdout (progress goes to stderr); --write puts them in
// bench/RESULTS.md.

import { spawn } from "node:child_process";
import {
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { compileCLI } from "./compiled.js";
import { writeSection } from "./results.js";
import { MARKER } from "../src/cache/marker.js";
import { TEMP_MARK } from "../src/cache/seal.js";
import { run, type RunResult } from "../src/process/run.js";
import { goBuild, goEnv, sha256File, testdata } from "../test/work/oracle.js";

const { values } = parseArgs({
  options: {
    goroot: { type: "string", default: "/usr/lib/go-1.27" },
    targets: { type: "string", default: "linux/amd64,linux/arm64,windows/amd64" },
    kills: { type: "string", default: "10" },
    corrupt: { type: "string", default: "20" },
    seed: { type: "string" },
    cli: { type: "string" },
    json: { type: "boolean", default: false },
    write: { type: "boolean", default: false },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const GOROOT = values.goroot;
const targets = values.targets.split(",").filter((t) => t !== "");
const kills = Number(values.kills);
const corruptions = Number(values.corrupt);
let seed = Number(values.seed ?? Date.now() % 2147483648);
const firstSeed = seed;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (n: number) => Math.floor(random() * n);
const notes: string[] = []; // what the checks observed, for --write
const log = (s: string) => {
  notes.push(s);
  process.stderr.write(`faults: ${s}\n`);
};

/** Result is one check's verdict; items are the issue 14 items it depends on. */
interface Result {
  check: string;
  items: number[];
  status: "pass" | "fail" | "skip";
  detail: string;
}
const results: Result[] = [];

// check records the verdict of f: a string is a failure's reason, undefined a pass.
async function check(
  name: string,
  items: number[],
  f: () => Promise<string | undefined> | string | undefined,
): Promise<void> {
  let status: Result["status"] = "pass";
  let detail = "";
  try {
    const why = await f();
    if (why !== undefined) [status, detail] = ["fail", why];
  } catch (e) {
    [status, detail] = ["fail", `threw: ${e instanceof Error ? e.message : String(e)}`];
  }
  results.push({ check: name, items, status, detail });
  log(`${status.toUpperCase()} ${name}${detail ? `: ${detail}` : ""}`);
}

function skip(name: string, items: number[], detail: string): void {
  results.push({ check: name, items, status: "skip", detail });
  log(`SKIP ${name}: ${detail}`);
}

const work = mkdtempSync(join(tmpdir(), "crossgo-faults-"));
const module = join(work, "module");
cpSync(join(testdata, "damage"), module, { recursive: true, preserveTimestamps: true });
const env = goEnv(GOROOT);
const cli = values.cli !== undefined ? resolve(values.cli) : await compiledEntry();

async function compiledEntry(): Promise<string> {
  const mainJs = await compileCLI(repo, "crossgo-faults");
  const entry = join(dirname(mainJs), "faults-entry.js");
  writeFileSync(
    entry,
    `import { main } from ${JSON.stringify(mainJs)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  return entry;
}

const crossgo = (args: string[]): Promise<RunResult> =>
  run(process.execPath, [cli, ...args], { cwd: module, env });

// buildArgs is a plain build (build IDs in the executables) of the module for every target.
const buildArgs = (cache: string, out: string) => [
  "build",
  "--json",
  "--goroot",
  GOROOT,
  "-t",
  targets.join(","),
  "--cache",
  cache,
  "-o",
  out,
  ".",
];

interface Event {
  event: string;
  file?: string;
}
const events = (stdout: string) =>
  stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Event);
const damaged = (r: RunResult) =>
  events(r.stdout)
    .filter((e) => e.event === "cache-damaged")
    .map((e) => e.file ?? "");

// The undisturbed build: go build's bytes for every target.
log(`seed ${String(firstSeed)}; targets ${targets.join(" ")}; work ${work}`);
const want = new Map<string, string>();
for (const t of targets)
  want.set(t, sha256File(await goBuild(GOROOT, module, t, ".", { reproducible: false })));

// identical describes how out differs from go build's executables (undefined: it does not).
function identical(out: string): string | undefined {
  let manifest: { artifacts: { target: string; path: string }[] };
  try {
    manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as typeof manifest;
  } catch (e) {
    return `no manifest in ${out}: ${(e as Error).message}`;
  }
  for (const [t, sum] of want) {
    const a = manifest.artifacts.find((x) => x.target === t);
    if (!a) return `${t}: not built`;
    const have = sha256File(join(out, a.path));
    if (have !== sum)
      return `${t}: ${a.path} is ${have.slice(0, 12)}, go build's ${sum.slice(0, 12)}`;
  }
  return undefined;
}

// succeeded describes what is wrong with a build that should have succeeded quietly.
function succeeded(
  r: RunResult,
  out: string,
  damage: "none" | "allowed" = "none",
): string | undefined {
  if (r.code !== 0) return `exit ${String(r.code ?? r.signal)}: ${firstLine(r.stderr)}`;
  if (r.stderr.trim() !== "") return `stderr: ${firstLine(r.stderr)}`;
  if (damage === "none" && damaged(r).length > 0) return `reported damage: ${damaged(r).join(" ")}`;
  return identical(out);
}

// explained describes what is wrong with a failure's report: it must exit 1 with one line
// per failure giving the cause (matching cause), no stack trace and no empty line.
function explained(r: RunResult, cause: RegExp): string | undefined {
  if (r.code === 0) return "exit 0";
  if (/internal error|^\s+at /m.test(r.stderr)) return `a stack trace: ${firstLine(r.stderr)}`;
  if (/\n\n/.test(r.stderr.trim()))
    return `an empty line in: ${JSON.stringify(r.stderr.slice(0, 200))}`;
  if (!cause.test(r.stderr))
    return `no line gives the cause (${String(cause)}): ${JSON.stringify(r.stderr.slice(0, 200))}`;
  return undefined;
}

function firstLine(s: string): string {
  return s.trim().split("\n")[0] ?? "";
}

// files lists the files under dir (recursively), absolute.
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile());
}

async function mount(dir: string, options: string): Promise<string | undefined> {
  mkdirSync(dir, { recursive: true });
  const r = await run("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], {});
  return r.code === 0 ? undefined : firstLine(r.stderr) || `mount exit ${String(r.code)}`;
}
const remount = (dir: string, options: string) =>
  run("mount", ["-o", `remount,${options}`, dir], {});
const umount = (dir: string) => run("umount", [dir], {});

const cache = join(work, "cache");
const out = (name: string) => join(work, "dist", name);

// 1. kill -9 at random points.
await check(
  `kill -9 at ${String(kills)} random points, then the build runs to the end`,
  [],
  async () => {
    let finished = 0;
    for (let i = 0; i < kills; i++) {
      const at = 1 + pick(30); // kill after this many tool processes started
      const child = spawn(process.execPath, [cli, ...buildArgs(cache, out("kill"))], {
        cwd: module,
        env,
        stdio: ["ignore", "pipe", "ignore"],
      });
      let tools = 0;
      let rest = "";
      child.stdout.on("data", (b: Buffer) => {
        rest += b.toString();
        const lines = rest.split("\n");
        rest = lines.pop() ?? "";
        tools += lines.filter((l) => l.startsWith('{"event":"tool"')).length;
        if (tools >= at) child.kill("SIGKILL");
      });
      const code = await new Promise<number | null>((r) => child.once("exit", r));
      if (code === 0) finished++;
    }
    const r = await crossgo(buildArgs(cache, out("kill")));
    const temps = files(cache).filter((f) => f.includes(TEMP_MARK)).length;
    log(
      `kill: ${String(finished)} of ${String(kills)} builds finished before their kill point; ${String(temps)} temporary files left in the cache (trim removes them after an hour)`,
    );
    return succeeded(r, out("kill"));
  },
);

// 2. corrupt random cache files.
await check(`${String(corruptions)} random cache files damaged in place`, [2], async () => {
  const all = files(cache).filter((f) => !f.includes(TEMP_MARK) && !f.endsWith(MARKER));
  const chosen = new Set<string>();
  while (chosen.size < Math.min(corruptions, all.length)) chosen.add(all[pick(all.length)] ?? "");
  for (const f of chosen) {
    const st = statSync(f);
    const data = readFileSync(f);
    const i = pick(data.length);
    data[i] = (data[i] ?? 0) ^ (1 + pick(255));
    writeFileSync(f, data);
    utimesSync(f, st.atime, st.mtime);
  }
  const r = await crossgo(buildArgs(cache, out("corrupt")));
  const reported = damaged(r);
  const wrong = reported.filter((f) => !chosen.has(f));
  log(
    `corrupt: ${String(chosen.size)} files damaged, ${String(reported.length)} reported by the next build (the rest were not read by it: archives whose dependents were cached)`,
  );
  if (wrong.length > 0) return `reported undamaged files: ${wrong.join(" ")}`;
  // What the build did not read stays damaged; remove it so the later checks start sound.
  for (const f of chosen) if (!reported.includes(f)) rmSync(f, { force: true });
  const bad = succeeded(r, out("corrupt"), "allowed");
  if (bad !== undefined) return bad;
  const again = await crossgo(buildArgs(cache, out("corrupt")));
  const still = succeeded(again, out("corrupt"));
  return still === undefined ? undefined : `the build after: ${still}`;
});

// 3. two concurrent builds on one cache.
await check("two concurrent builds on one cache", [], async () => {
  const index = files(cache).filter((f) => f.endsWith("-a"));
  for (const f of index) if (random() < 1 / 3) rmSync(f);
  const [a, b] = await Promise.all([
    crossgo(buildArgs(cache, out("concurrent-1"))),
    crossgo(buildArgs(cache, out("concurrent-2"))),
  ]);
  const wa = succeeded(a, out("concurrent-1"));
  const wb = succeeded(b, out("concurrent-2"));
  return wa ?? wb;
});

// 4. EPIPE on every command.
await check("EPIPE on every command (crossgo CMD | head -1)", [9], async () => {
  const commands = [
    ["--help"],
    ["targets"],
    ["targets", "--json", "--long"],
    ["env"],
    ["resolve", "linux/amd64"],
    ["config", "schema"],
    ["cache", "stats", "--cache", cache],
    ["inspect", out("concurrent-1")],
    ["list", "-json", "-deps", "--target", targets[0] ?? "linux/amd64", "."],
    buildArgs(cache, out("epipe")),
  ];
  const noisy: string[] = [];
  for (const args of commands) {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: module,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy(); // the reader is gone before crossgo writes anything
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const [code, signal] = await new Promise<[number | null, string | null]>((r) =>
      child.once("exit", (c, s) => {
        r([c, s]);
      }),
    );
    const quiet = stderr.trim() === "" && (code === 0 || code === 141 || signal === "SIGPIPE");
    if (!quiet)
      noisy.push(
        `${args.slice(0, 2).join(" ")}: exit ${String(code ?? signal)}, ${String(stderr.trim().split("\n").length)} stderr lines (${firstLine(stderr).slice(0, 80)})`,
      );
  }
  const after = succeeded(await crossgo(buildArgs(cache, out("epipe"))), out("epipe"));
  if (noisy.length > 0) return `not quiet: ${noisy.join("; ")}`;
  return after === undefined ? undefined : `the build after: ${after}`;
});

// 5. a read-only output directory.
const ro = join(work, "ro");
const roWhy = await mount(ro, "ro,size=256m");
if (roWhy !== undefined) {
  skip("a read-only output directory", [6], `skipped: cannot mount tmpfs (${roWhy})`);
} else {
  try {
    const dest = join(ro, "dist");
    await check(
      "a read-only output directory: refused in one line naming it and why",
      [6, 7],
      async () => {
        const r = await crossgo(buildArgs(cache, dest));
        return explained(r, new RegExp(`${ro}.*(read-only|EROFS)|(read-only|EROFS).*${ro}`, "i"));
      },
    );
    await check(
      "a read-only output directory: the build after it is writable again",
      [],
      async () => {
        await remount(ro, "rw");
        return succeeded(await crossgo(buildArgs(cache, dest)), dest);
      },
    );
  } finally {
    await umount(ro);
  }
}

// 6. a full cache file system: the cache is copied onto a tmpfs, half its outputs removed
// and the rest of the file system filled, so the build runs out of space writing them again.
const full = join(work, "full");
const cacheMiB = Math.ceil(files(cache).reduce((n, f) => n + statSync(f).size, 0) / 2 ** 20);
const fullWhy = await mount(full, `size=${String(cacheMiB + 16)}m`);
if (fullWhy !== undefined) {
  skip("a full cache file system", [7, 8], `skipped: cannot mount tmpfs (${fullWhy})`);
} else {
  try {
    const small = join(full, "cache");
    cpSync(cache, small, { recursive: true, preserveTimestamps: true });
    for (const f of files(small)) if (f.endsWith("-d") && random() < 0.5) rmSync(f);
    const filler = join(full, "filler");
    const fd = openSync(filler, "w");
    try {
      const chunk = Buffer.alloc(2 ** 20);
      for (;;) writeSync(fd, chunk);
    } catch {
      // ENOSPC: full
    } finally {
      closeSync(fd);
    }
    const r = await crossgo(buildArgs(small, out("full")));
    await check("a full cache file system: the failure names its cause in one line", [6, 7], () =>
      explained(r, /no space left on device|ENOSPC/i),
    );
    await check("a full cache file system: no temporary file left in the cache", [8], () => {
      const temps = files(small).filter((f) => f.includes(TEMP_MARK));
      return temps.length === 0
        ? undefined
        : `${String(temps.length)} left: ${temps.slice(0, 3).join(" ")}`;
    });
    await check(
      "a full cache file system: the build after, with room, is identical",
      [],
      async () => {
        rmSync(filler);
        return succeeded(await crossgo(buildArgs(small, out("full"))), out("full"));
      },
    );
  } finally {
    await umount(full);
  }
}

rmSync(work, { recursive: true, force: true });
const count = (s: Result["status"]) => results.filter((r) => r.status === s).length;
log(
  `verdict: ${String(count("pass"))} passed, ${String(count("fail"))} failed, ${String(count("skip"))} skipped (seed ${String(firstSeed)})`,
);
if (values.json) process.stdout.write(JSON.stringify(results) + "\n");
if (values.write) {
  const args = `--targets ${targets.join(",")} --kills ${String(kills)} --corrupt ${String(corruptions)} --seed ${String(firstSeed)}`;
  writeSection(
    "faults.ts",
    [
      "## fault injection (`npx tsx bench/faults.ts --write`)",
      "",
      `Run ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, ${String(availableParallelism())} cores, 1-minute load average ${loadavg()[0]!.toFixed(1)}, ${GOROOT}, \`${args}\`. After each fault the next build must equal go build's bytes (sha256), and each failure must print one line giving its cause.`,
      "",
      `Verdict: **${String(count("pass"))} passed, ${String(count("fail"))} failed, ${String(count("skip"))} skipped**.`,
      "",
      ...results.map(
        (r) =>
          `- ${r.status.toUpperCase()} ${r.check}${r.items.length > 0 ? ` (issue 14 item${r.items.length > 1 ? "s" : ""} ${r.items.join(", ")})` : ""}${r.detail ? `: ${r.detail}` : ""}`,
      ),
      "",
      "Observed:",
      "",
      ...notes
        .filter((n) => !/^(PASS|FAIL|SKIP|verdict:) /.test(n))
        .map((n) => `- ${n.replaceAll(work, "$WORK")}`),
    ].join("\n"),
  );
}
process.exitCode = count("fail") > 0 ? 1 : 0;
