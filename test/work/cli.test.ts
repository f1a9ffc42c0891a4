// Script tests of `crossgo build`'s command-line behaviour: failures per target, SIGTERM,
// --debug-actiongraph, --backend go.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, test } from "node:test";
import { run } from "../../src/process/run.js";
import { goEnv, goroot, testCache, testdata } from "./oracle.js";

const go127 = goroot(27);
const entry = resolve(import.meta.dirname, "cli-entry.ts");
const repo = resolve(import.meta.dirname, "..", "..");

function crossgo(gr: string, args: string[]) {
  return run(process.execPath, ["--import", "tsx", entry, "build", "--goroot", gr, ...args], {
    cwd: repo,
    env: goEnv(gr),
  });
}

describe(
  "crossgo build command line (Go 1.27)",
  { skip: go127 === undefined ? "Go 1.27 is not installed at /usr/lib/go-1.27" : false },
  () => {
    const gr = go127 ?? "";
    const cache = join(testCache, "crossgo-cache");

    test(
      "a compile error fails its target with file:line; the other targets are built; exit 1",
      { timeout: 600_000 },
      async () => {
        const out = join(testCache, "cli", "broken");
        rmSync(out, { recursive: true, force: true });
        const r = await crossgo(gr, [
          "-C",
          join(testdata, "broken"),
          "-t",
          "linux/amd64,windows/amd64",
          "--reproducible",
          "--cache",
          cache,
          "-o",
          out,
          ".",
        ]);
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, /# windows\/amd64\n/);
        assert.match(r.stderr, /plat_windows\.go:5:\d+: cannot use 42/);
        assert.match(r.stderr, /1 target\(s\) failed: windows\/amd64/);
        assert.ok(
          existsSync(join(out, "broken_linux_amd64", "broken")),
          "linux/amd64 was still built",
        );
        assert.ok(!existsSync(join(out, "broken_windows_amd64")));
        const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
          failures: { target: string }[];
        };
        assert.deepEqual(
          manifest.failures.map((f) => f.target),
          ["windows/amd64"],
        );
      },
    );

    test(
      "SIGTERM kills the tools, exits 143 and leaves no output and no work directory",
      { timeout: 600_000 },
      async () => {
        const out = join(testCache, "cli", "sigterm");
        const freshCache = join(testCache, "cli", "sigterm-cache");
        rmSync(out, { recursive: true, force: true });
        rmSync(freshCache, { recursive: true, force: true });
        const child = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            entry,
            "build",
            "--json",
            "--goroot",
            gr,
            "-C",
            join(testdata, "hello"),
            "-t",
            "linux/amd64,linux/arm64",
            "--reproducible",
            "--cache",
            freshCache,
            "-o",
            out,
            ".",
          ],
          { cwd: repo, env: goEnv(gr), stdio: ["ignore", "pipe", "pipe"] },
        );
        let stderr = "";
        child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
        const code = new Promise<number | null>((r) =>
          child.once("exit", (c) => {
            r(c);
          }),
        );
        // The event: the first action is done (and cached, for the cache test below).
        let stdout = "";
        await new Promise<void>((r) => {
          child.stdout.on("data", (b: Buffer) => {
            stdout += b.toString();
            if (stdout.includes('"event":"done"')) r();
          });
        });
        child.kill("SIGTERM");
        assert.equal(await code, 143, stderr);
        assert.match(stderr, /interrupted \(SIGTERM\)/);
        assert.ok(!existsSync(out) || readdirSync(out).length === 0, "no output after SIGTERM");
        assert.ok(
          !readdirSync(tmpdir()).some((n) => n.startsWith(`crossgo-work-${String(child.pid)}-`)),
          "work directory removed",
        );
        const ps = await run("ps", ["-eo", "args"]);
        assert.doesNotMatch(
          ps.stdout,
          new RegExp(`crossgo-work-${String(child.pid)}-`),
          "no tool of the build still runs",
        );
      },
    );

    test(
      "--debug-actiongraph writes every action with its deps and IDs",
      { timeout: 600_000 },
      async () => {
        const file = join(testCache, "cli", "graph.json");
        const r = await crossgo(gr, [
          "-C",
          join(testdata, "asm"),
          "-t",
          "linux/amd64",
          "--reproducible",
          "--cache",
          cache,
          "-o",
          join(testCache, "cli", "graph-out"),
          "--debug-actiongraph",
          file,
          ".",
        ]);
        assert.equal(r.code, 0, r.stderr);
        const g = JSON.parse(readFileSync(file, "utf8")) as {
          ID: number;
          Mode: string;
          Package: string;
          Deps: number[];
          ActionID: string;
          GoActionID: string;
        }[];
        const link = g.find((a) => a.Mode === "link");
        assert.ok(link);
        assert.equal(link.Package, "example.com/asm");
        assert.ok(g.length > 40);
        for (const a of g) {
          assert.match(a.ActionID, /^[0-9a-f]{64}$/);
          assert.match(a.GoActionID, /^[0-9a-f]{64}$/);
          for (const d of a.Deps) assert.ok(d < a.ID, "dependencies come first");
        }
      },
    );

    test(
      "--backend go produces the same layout and bytes as the native driver",
      { timeout: 600_000 },
      async () => {
        const native = join(testCache, "cli", "native");
        const viaGo = join(testCache, "cli", "viago");
        const common = [
          "-C",
          join(testdata, "hello"),
          "-t",
          "windows/amd64",
          "--reproducible",
          "--cache",
          cache,
        ];
        const a = await crossgo(gr, [...common, "-o", native, "."]);
        assert.equal(a.code, 0, a.stderr);
        const b = await crossgo(gr, [...common, "--backend", "go", "-o", viaGo, "."]);
        assert.equal(b.code, 0, b.stderr);
        assert.equal(
          readFileSync(join(viaGo, "SHA256SUMS"), "utf8"),
          readFileSync(join(native, "SHA256SUMS"), "utf8"),
        );
        const m = JSON.parse(readFileSync(join(viaGo, "manifest.json"), "utf8")) as {
          backend: string;
        };
        assert.equal(m.backend, "go");
      },
    );

    test("crossgo cache stats, trim and clean", { timeout: 120_000 }, async () => {
      // A cache of its own, filled by a build that runs to the end: no other test's timing.
      const dir = join(testCache, "cli", "stats-cache");
      rmSync(dir, { recursive: true, force: true });
      const fill = await crossgo(gr, [
        "-C",
        join(testdata, "hello"),
        "-t",
        "linux/amd64",
        "--cache",
        dir,
        "-o",
        join(testCache, "cli", "stats-out"),
        ".",
      ]);
      assert.equal(fill.code, 0, fill.stderr);
      const cli = (args: string[]) =>
        run(process.execPath, ["--import", "tsx", entry, "cache", ...args, "--cache", dir], {
          cwd: repo,
          env: goEnv(gr),
        });
      const stats = await cli(["stats", "--json"]);
      assert.equal(stats.code, 0, stats.stderr);
      const s = JSON.parse(stats.stdout) as { dir: string; entries: number; bytes: number };
      assert.equal(s.dir, dir);
      assert.ok(s.entries > 0, "the build cached its actions");
      const trim = await cli(["trim", "--older-than", "1"]);
      assert.equal(trim.code, 0, trim.stderr);
      assert.match(trim.stdout, /^removed \d+ files\n$/);
      const bad = await cli(["trim", "--older-than", "soon"]);
      assert.equal(bad.code, 2);
      const clean = await cli(["clean"]);
      assert.equal(clean.code, 0, clean.stderr);
      const after = JSON.parse((await cli(["stats", "--json"])).stdout) as {
        entries: number;
        bytes: number;
      };
      assert.deepEqual([after.entries, after.bytes], [0, 0]);
    });
  },
);
