// Benchmarks crossgo inspect against the real go:
//  1. the directory of the 42 pure-Go ports of Go 1.27 in one call, `--go-version-m` vs `go version -m DIR`
//     (outputs must be identical), as spawned commands and as in-process library time;
//  2. a 100 MB+ binary (a program that //go:embeds 100 MiB) for linux/amd64, windows/amd64 and
//     darwin/arm64: time, bytes read and peak RSS, vs go version -m.
// Run: npx tsx bench/inspect.ts [--no-write]
import { spawnSync } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ByteSource } from "../src/binfmt/source.js";
import { withFileSource } from "../src/cli/commands/inspect.js";
import { summarize } from "../src/goinfo/summary.js";
import { buildBinary, cacheRoot, goroot, mapLimit, pureGoPorts } from "../test/binfmt/gobuild.js";
import { writeSection } from "./results.js";

const go = join(goroot(27) ?? "/usr/lib/go-1.27", "bin", "go");
const goEnv = { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "" };
const entry = fileURLToPath(new URL("../test/inspect/entry.ts", import.meta.url));
const repo = fileURLToPath(new URL("..", import.meta.url));

/** child mode: inspect one file in this process and report time, bytes read and peak RSS. */
if (process.argv[2] === "--child") {
  const file = process.argv[3] as string;
  const t = performance.now();
  let bytes = 0;
  await withFileSource(file, async (src) => {
    const counting: ByteSource = {
      size: src.size,
      async read(off, len) {
        const b = await src.read(off, len);
        bytes += b.length;
        return b;
      },
    };
    await summarize(counting);
  });
  const ms = performance.now() - t;
  process.stdout.write(JSON.stringify({ ms, bytes, maxRssKiB: process.resourceUsage().maxRSS }));
  process.exit(0);
}

/** timed runs cmd under /usr/bin/time and returns wall ms, peak RSS and output. */
function timed(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { ms: number; rssKiB: number; stdout: string; stderr: string } {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "RSS:%M", cmd, ...args], {
    env,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    cwd: repo,
  });
  const ms = performance.now() - t;
  const m = /RSS:(\d+)\s*$/.exec(r.stderr);
  return {
    ms,
    rssKiB: Number(m?.[1] ?? 0),
    stdout: r.stdout,
    stderr: r.stderr.replace(/RSS:\d+\s*$/, ""),
  };
}

function best<T extends { ms: number }>(n: number, f: () => T): T {
  let b: T | undefined;
  for (let i = 0; i < n; i++) {
    const r = f();
    if (!b || r.ms < b.ms) b = r;
  }
  return b as T;
}

const lines: string[] = [];
const log = (s: string) => {
  console.log(s);
  lines.push(s);
};

// 1. The 42-port directory: exactly one binary per pure-Go port.
const ports = pureGoPorts(27);
const built = await mapLimit(ports, 2, (p) =>
  buildBinary({ minor: 27, goos: p.goos, goarch: p.goarch }),
);
const dir = join(cacheRoot, "ports42");
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
for (const b of built) await copyFile(b, join(dir, basename(b)));
// The CLI compiled with tsc, as installed from npm (tsx's start-up is not crossgo's).
const distDir = join(repo, "node_modules", ".cache", "crossgo-bench"); // inside the repo so packages resolve
spawnSync(
  process.execPath,
  [
    join(repo, "node_modules", "typescript", "bin", "tsc"),
    "-p",
    join(repo, "tsconfig.build.json"),
    "--outDir",
    join(distDir, "dist"),
  ],
  { cwd: repo },
);
const distEntry = join(distDir, "crossgo.mjs");
await writeFile(
  distEntry,
  'import { main } from "./dist/cli/main.js";\nprocess.exitCode = await main(process.argv.slice(2));\n',
);
const haveDist = existsSync(join(distDir, "dist", "cli", "main.js"));
const cli = haveDist ? [distEntry] : ["--import", "tsx", entry];
const goRun = best(5, () => timed(go, ["version", "-m", dir], goEnv));
const oursRun = best(5, () => timed(process.execPath, [...cli, "inspect", "--go-version-m", dir]));
const same = goRun.stdout === oursRun.stdout && goRun.stderr === oursRun.stderr;
const nodeBare = best(5, () => timed(process.execPath, ["-e", "0"]));
const files = (goRun.stdout.match(/^\S.*: go1\.\d+/gm) ?? []).length;
let libMs = Infinity;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const r = spawnSync("find", [dir, "-type", "f"], { encoding: "utf8" });
  for (const f of r.stdout.trim().split("\n")) await withFileSource(f, summarize);
  libMs = Math.min(libMs, performance.now() - t);
}
log(
  `### The ${ports.length} pure-Go ports of Go 1.27 in one directory (${files} listed by go version -m: it reads no Wasm, and finds no build info in plan9/arm), best of 5\n`,
);
log(`| command | wall ms | peak RSS MiB |`);
log(`|---|---|---|`);
log(`| \`go version -m DIR\` | ${goRun.ms.toFixed(0)} | ${(goRun.rssKiB / 1024).toFixed(0)} |`);
log(
  `| \`crossgo inspect --go-version-m DIR\` (${haveDist ? "tsc-compiled CLI" : "node + tsx from source"}) | ${oursRun.ms.toFixed(0)} | ${(oursRun.rssKiB / 1024).toFixed(0)} |`,
);
log(
  `| \`node -e 0\` (start-up alone) | ${nodeBare.ms.toFixed(0)} | ${(nodeBare.rssKiB / 1024).toFixed(0)} |`,
);
log(`| crossgo library, in process (summarize every file) | ${libMs.toFixed(0)} | - |`);
log(
  `\nOutput identical to go version -m: **${same ? "yes" : "NO"}**. Time ratio crossgo/go: ${(oursRun.ms / goRun.ms).toFixed(2)} as commands (node's start-up included), ${(libMs / goRun.ms).toFixed(2)} for crossgo's library work alone against the whole go command.\n`,
);

// 2. A 100 MiB+ binary.
const bigSrc = join(cacheRoot, "src", "big");
await mkdir(bigSrc, { recursive: true });
if (!existsSync(join(bigSrc, "blob.bin"))) {
  const blob = Buffer.alloc(100 << 20);
  for (let i = 0; i < blob.length; i += 1 << 16)
    randomFillSync(blob, i, Math.min(1 << 16, blob.length - i));
  await writeFile(join(bigSrc, "blob.bin"), blob);
}
await writeFile(join(bigSrc, "go.mod"), "module example.com/big\n\ngo 1.19\n");
await writeFile(
  join(bigSrc, "main.go"),
  'package main\n\nimport _ "embed"\n\n//go:embed blob.bin\nvar blob []byte\n\nfunc main() { println(len(blob)) }\n',
);
log(`### A binary that embeds 100 MiB (\`//go:embed\`), best of 3\n`);
log(
  `| target | size MiB | go version -m ms | go peak RSS MiB | crossgo ms (in process) | crossgo bytes read | crossgo peak RSS MiB | output identical |`,
);
log(`|---|---|---|---|---|---|---|---|`);
for (const [goos, goarch] of [
  ["linux", "amd64"],
  ["windows", "amd64"],
  ["darwin", "arm64"],
] as const) {
  const f = await buildBinary({
    minor: 27,
    goos,
    goarch,
    variant: { name: "big100m", dir: bigSrc },
  });
  const size = statSync(f).size;
  const g = best(3, () => timed(go, ["version", "-m", f], goEnv));
  const c = best(3, () => {
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", fileURLToPath(import.meta.url), "--child", f],
      { encoding: "utf8", cwd: repo },
    );
    return JSON.parse(r.stdout) as { ms: number; bytes: number; maxRssKiB: number };
  });
  const o = timed(process.execPath, [...cli, "inspect", "--go-version-m", f]);
  log(
    `| ${goos}/${goarch} | ${(size / 2 ** 20).toFixed(0)} | ${g.ms.toFixed(0)} | ${(g.rssKiB / 1024).toFixed(0)} | ${c.ms.toFixed(1)} | ${c.bytes} | ${(c.maxRssKiB / 1024).toFixed(0)} | ${o.stdout === g.stdout ? "yes" : "NO"} |`,
  );
}
log(
  `\nThe bytes read column shows the 100 MiB file is never read whole; crossgo's peak RSS is node + tsx's baseline (\`node -e 0\` alone: ${(nodeBare.rssKiB / 1024).toFixed(0)} MiB), not the file.`,
);

const body = `## inspect (\`npx tsx bench/inspect.ts\`)\n\nRun ${new Date().toISOString().slice(0, 10)} on Node ${process.version}, 2 shared cores (other builds running).\n\n${lines.join("\n")}\n`;
if (!process.argv.includes("--no-write")) writeSection("inspect.ts", body);
