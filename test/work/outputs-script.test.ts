// Script tests of what `crossgo build` writes and how every command ends (issue 14, items 1, 4,
// 5, 6, 7, 9, 10, 14): refusals before building, stale executables, foreign files, output
// locations, I/O errors, closed pipes and signals. They run the built CLI (bin/crossgo.js).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { blockingGoroot } from "../support/blockinggoroot.js";
import { crossgo, repoRoot } from "../support/cli.js";
import { requireGo } from "../support/toolchains.js";
import { goEnv, testCache } from "./oracle.js";

const gr = requireGo(27);
const env = goEnv(gr);
const cache = join(testCache, "crossgo-cache"); // shared with the other build tests: std is warm
const work = join(testCache, "outputs-script");
const bin = join(repoRoot, "bin", "crossgo.js");

// module writes a fresh module example.com/<name> with files (path -> text) and returns its dir.
function module(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "go.mod"), `module example.com/${name}\n\ngo 1.27\n`);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const mainGo = (s: string) => `package main\n\nfunc main() { println(${JSON.stringify(s)}) }\n`;

function build(dir: string, args: string[]) {
  return crossgo(["build", "--goroot", gr, "--cache", cache, ...args], { cwd: dir, env });
}

// oneLine asserts that stderr is exactly one line matching re.
function oneLine(stderr: string, re: RegExp): void {
  assert.equal(stderr.trimEnd().split("\n").length, 1, `want one line, have:\n${stderr}`);
  assert.match(stderr.trimEnd(), re);
}

interface Event {
  event: string;
  message?: string;
  cancelled?: string[];
  removed?: string[];
}

function events(stdout: string): Event[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Event);
}

// withTmpfs mounts a small tmpfs at dir for f (as root), or says why it cannot.
async function withTmpfs(
  dir: string,
  options: string,
  f: () => Promise<void>,
): Promise<string | undefined> {
  mkdirSync(dir, { recursive: true });
  const m = spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { encoding: "utf8" });
  if (m.status !== 0) return `cannot mount a tmpfs: ${(m.stderr || m.error?.message) ?? ""}`;
  try {
    await f();
  } finally {
    spawnSync("umount", [dir]);
  }
  return undefined;
}

describe("crossgo build outputs and endings (issue 14)", () => {
  test("item 1: two main packages named app into one -o are refused before building", async () => {
    const dir = module("sameapp", {
      "cmd/app/main.go": mainGo("cmd"),
      "tools/app/main.go": mainGo("tools"),
    });
    const r = await build(dir, ["-t", "linux/amd64", "-o", "out", "./..."]);
    assert.equal(r.code, 2, r.stderr);
    oneLine(
      r.stderr,
      /example\.com\/sameapp\/cmd\/app and example\.com\/sameapp\/tools\/app would both be written to \S*\/out\/app_linux_amd64\/app/,
    );
    assert.ok(!existsSync(join(dir, "out", "app_linux_amd64")), "nothing was built");
  });

  test("item 4: a target that fails after an earlier build into the same -o loses its old executable", async () => {
    const dir = module("stale", { "main.go": mainGo("stale") });
    const first = await build(dir, ["-t", "linux/amd64", "-o", "out"]);
    assert.equal(first.code, 0, first.stderr);
    const exe = join(dir, "out", "stale_linux_amd64", "stale");
    assert.ok(existsSync(exe));
    writeFileSync(join(dir, "out", "NOTES.txt"), "the user's own file\n");
    // Now linux/amd64 fails (two packages in one directory, for linux only).
    writeFileSync(join(dir, "x_linux.go"), "package notmain\n");
    const second = await build(dir, ["-t", "linux/amd64", "-o", "out"]);
    assert.equal(second.code, 1, second.stderr);
    assert.match(second.stderr, /removed out\/stale_linux_amd64\/stale: left by an earlier build/);
    assert.ok(!existsSync(exe), "the old executable is gone");
    assert.ok(!existsSync(dirname(exe)), "and its emptied directory");
    assert.ok(existsSync(join(dir, "out", "NOTES.txt")), "a file crossgo did not write stays");
    assert.equal(readFileSync(join(dir, "out", "SHA256SUMS"), "utf8"), "");
    const m = JSON.parse(readFileSync(join(dir, "out", "manifest.json"), "utf8")) as {
      removed: string[];
      artifacts: unknown[];
    };
    assert.deepEqual([m.removed, m.artifacts], [["stale_linux_amd64/stale"], []]);
  });

  test("item 5: a manifest.json or SHA256SUMS that crossgo did not write is never overwritten", async () => {
    const dir = module("foreign", { "main.go": mainGo("foreign") });
    const out = join(dir, "out");
    mkdirSync(out);
    writeFileSync(join(out, "manifest.json"), '{"mine": true}\n');
    const r = await build(dir, ["-t", "linux/amd64", "-o", "out"]);
    assert.equal(r.code, 2, r.stderr);
    oneLine(r.stderr, /out\/manifest\.json was not written by crossgo.*refusing to overwrite it/);
    assert.equal(readFileSync(join(out, "manifest.json"), "utf8"), '{"mine": true}\n');
    rmSync(join(out, "manifest.json"));
    writeFileSync(join(out, "SHA256SUMS"), "mine\n");
    const s = await build(dir, ["-t", "linux/amd64", "-o", "out"]);
    assert.equal(s.code, 2, s.stderr);
    oneLine(s.stderr, /out\/SHA256SUMS was not written by crossgo/);
    assert.equal(readFileSync(join(out, "SHA256SUMS"), "utf8"), "mine\n");
    assert.deepEqual(readdirSync(out), ["SHA256SUMS"]);
  });

  test("item 5: a manifest.json from an earlier crossgo (before its format field) is crossgo's own", async () => {
    const dir = module("legacy", { "main.go": mainGo("legacy") });
    const out = join(dir, "out");
    mkdirSync(out);
    // The layout crossgo wrote before manifests carried "format".
    const legacy = {
      artifacts: [{ path: "legacy_linux_amd64/legacy", target: "linux/amd64" }],
      backend: "native",
      goVersion: "go1.27",
    };
    writeFileSync(join(out, "manifest.json"), JSON.stringify(legacy));
    const r = await build(dir, ["-t", "linux/amd64", "-o", "out"]);
    assert.equal(r.code, 0, r.stderr);
    const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { format: string };
    assert.equal(m.format, "crossgo-manifest-v1");
  });

  test("item 6: output and cache locations are checked before building, one line each", async () => {
    const dir = module("locations", { "main.go": mainGo("locations") });
    writeFileSync(join(dir, "afile"), "");
    const o = await build(dir, ["-t", "linux/amd64", "-o", "afile", "--json"]);
    assert.equal(o.code, 2, o.stderr);
    oneLine(o.stderr, /^crossgo: -o \S*\/afile: not a directory \(ENOTDIR\)$/);
    const last = events(o.stdout).at(-1);
    assert.equal(last?.event, "failed", "--json ends with a failed event");
    assert.match(last.message ?? "", /ENOTDIR/);
    const sub = await build(dir, ["-t", "linux/amd64", "-o", "afile/dist"]);
    assert.equal(sub.code, 2, sub.stderr);
    oneLine(sub.stderr, /-o \S*\/afile\/dist: \S*\/afile is not a directory \(ENOTDIR\)/);
    const g = await build(dir, [
      "-t",
      "linux/amd64",
      "-o",
      "out",
      "--debug-actiongraph",
      "no/g.json",
    ]);
    assert.equal(g.code, 2, g.stderr);
    oneLine(
      g.stderr,
      /--debug-actiongraph no\/g\.json: \S*\/no: no such file or directory \(ENOENT\)/,
    );
    assert.ok(!existsSync(join(dir, "out")), "nothing was built");
    const stats = await crossgo(["cache", "stats", "--cache", join(dir, "afile")]);
    assert.equal(stats.code, 2, stats.stderr);
    oneLine(stats.stderr, /--cache \S*\/afile: not a directory \(ENOTDIR\)/);
    const c = await build(dir, ["-t", "linux/amd64", "--cache", join(dir, "afile", "c")]);
    assert.equal(c.code, 2, c.stderr);
    oneLine(c.stderr, /--cache \S*\/afile\/c: \S*\/afile is not a directory \(ENOTDIR\)/);
  });

  test("item 6: a read-only file system is named as such (EROFS), before building", async (t) => {
    const dir = module("readonly", { "main.go": mainGo("readonly") });
    const ro = join(dir, "ro");
    const why = await withTmpfs(ro, "ro,size=64k", async () => {
      const o = await build(dir, ["-t", "linux/amd64", "-o", "ro/dist"]);
      assert.equal(o.code, 2, o.stderr);
      oneLine(
        o.stderr,
        /-o \S*\/ro\/dist: cannot create it in \S*\/ro: read-only file system \(EROFS\)/,
      );
      const c = await crossgo(["cache", "stats", "--cache", join(ro, "cache")]);
      assert.equal(c.code, 2, c.stderr);
      oneLine(c.stderr, /read-only file system \(EROFS\)/);
    });
    if (why !== undefined) t.skip(why);
  });

  test("item 7: a cache on a full file system: the reason is printed and no new work starts", async (t) => {
    const dir = module("fullcache", { "main.go": mainGo("full") });
    const full = join(dir, "full");
    const why = await withTmpfs(full, "size=256k", async () => {
      const args = ["build", "--goroot", gr, "--cache", join(full, "c"), "-t", "linux/amd64"];
      const j = await crossgo([...args, "-o", "out", "--json"], { cwd: dir, env });
      assert.equal(j.code, 1, j.stderr);
      const ev = events(j.stdout);
      const firstFailure = ev.findIndex((e) => e.event === "failed");
      assert.ok(firstFailure >= 0, j.stdout);
      assert.match(ev[firstFailure]?.message ?? "", /no space left on device/);
      assert.deepEqual(
        ev.slice(firstFailure).filter((e) => e.event === "start"),
        [],
        "nothing started after the first cache I/O error",
      );
      const p = await crossgo([...args, "-o", "out"], { cwd: dir, env });
      assert.equal(p.code, 1, p.stderr);
      assert.match(p.stderr, /# linux\/amd64\n.*no space left on device/);
    });
    if (why !== undefined) t.skip(why);
  });

  test("item 14: --fail-fast lists the targets it cancelled", async () => {
    // windows/amd64 fails to load; linux/amd64 is then never started.
    const dir = module("failfast", {
      "main.go": mainGo("failfast"),
      "x_windows.go": "package notmain\n",
    });
    const args = ["-t", "windows/amd64,linux/amd64", "--fail-fast", "-o", "out"];
    const j = await build(dir, [...args, "--json"]);
    assert.equal(j.code, 1, j.stderr);
    const summary = events(j.stdout).find((e) => e.event === "summary");
    assert.deepEqual(summary?.cancelled, ["linux/amd64"]);
    const p = await build(dir, args);
    assert.equal(p.code, 1);
    assert.match(p.stderr, /# linux\/amd64: cancelled\n/);
    assert.match(p.stdout, /0 built, 1 failed, 1 cancelled/);
    assert.match(
      p.stderr,
      /1 target\(s\) failed: windows\/amd64 \(.*found packages main.*\); cancelled: linux\/amd64\n/,
    );
  });

  test("item 9: every command exits quietly when its reader closes the pipe", async () => {
    const dir = module("epipe", { "main.go": mainGo("epipe") });
    const cases = [
      ["targets"],
      ["list", "--goroot", gr, "std"],
      ["inspect", join(gr, "bin")],
      ["build", "--goroot", gr, "--cache", cache, "-t", "linux/amd64", "-o", "out", "--json"],
    ];
    for (const args of cases) {
      // The pipe is closed before the command writes anything: its first write fails.
      const child = spawn(process.execPath, [bin, ...args], {
        cwd: dir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
      const code = await new Promise<number | null>((r) => child.once("close", r));
      assert.equal(stderr, "", `crossgo ${args[0] ?? ""}: nothing on stderr`);
      assert.equal(code, 141, `crossgo ${args[0] ?? ""} exits as killed by SIGPIPE`);
      assert.ok(
        !readdirSync(tmpdir()).some((n) => n.startsWith(`crossgo-work-${String(child.pid)}-`)),
        "work directory removed",
      );
    }
  });

  for (const [signal, code, group] of [
    ["SIGINT", 130, true], // Ctrl-C: the terminal signals the whole process group
    ["SIGTERM", 143, false],
  ] as const) {
    test(`item 10: ${signal} exits ${String(code)} with one line and removes the work directory`, async () => {
      const fake = blockingGoroot(gr, join(work, `goroot-${signal}`));
      const dir = module(`signal-${signal}`, { "main.go": mainGo("signal") });
      const child = spawn(
        process.execPath,
        [
          bin,
          "build",
          "--goroot",
          fake.goroot,
          "--cache",
          join(dir, "cache"),
          "-t",
          "linux/amd64",
          "-o",
          "out",
        ],
        { cwd: dir, env: goEnv(fake.goroot), stdio: ["ignore", "ignore", "pipe"], detached: true },
      );
      let stderr = "";
      child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
      const run = { closed: false };
      const exited = new Promise<number | null>((r) =>
        child.once("close", (c) => {
          run.closed = true;
          r(c);
        }),
      );
      // The event: a compiler is running (and will not finish by itself).
      while (!existsSync(fake.pidFile) && !run.closed) await new Promise((r) => setTimeout(r, 50));
      assert.ok(!run.closed, `the build ended before its compiler ran: ${stderr}`);
      const tool = Number(readFileSync(fake.pidFile, "utf8"));
      process.kill(group ? -(child.pid ?? 0) : (child.pid ?? 0), signal);
      assert.equal(await exited, code, stderr);
      oneLine(
        stderr,
        new RegExp(`^crossgo: interrupted \\(${signal}\\); nothing was written to out$`),
      );
      assert.ok(!existsSync(join(dir, "out", "manifest.json")));
      assert.ok(
        !readdirSync(tmpdir()).some((n) => n.startsWith(`crossgo-work-${String(child.pid)}-`)),
        "work directory removed",
      );
      let state: string;
      try {
        state = readFileSync(`/proc/${String(tool)}/stat`, "utf8").split(" ")[2] ?? "";
      } catch {
        state = "gone";
      }
      assert.ok(
        state === "gone" || state === "Z",
        `the blocked compiler was killed (state ${state})`,
      );
    });
  }
});
