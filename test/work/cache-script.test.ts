// Script tests of `crossgo build` and its cache, asserted from --json events (as cmd/go's
// testdata/script/build_cache_compile.txt asserts the second build runs no compiler).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { describe, test } from "node:test";
import { Cache } from "../../src/cache/cache.js";
import { run } from "../../src/process/run.js";
import { goBuild, goEnv, goroot, sha256File, testCache, testdata } from "./oracle.js";

const go127 = goroot(27);
const entry = resolve(import.meta.dirname, "cli-entry.ts");
const repo = resolve(import.meta.dirname, "..", "..");

interface Event {
  event: string;
  target?: string;
  kind?: string;
  package?: string;
  tool?: string;
  cached?: boolean;
  sha256?: string;
  path?: string;
}

function cliArgs(args: string[]): string[] {
  return ["--import", "tsx", entry, ...args];
}

async function crossgo(
  gr: string,
  args: string[],
): Promise<{ code: number | null; events: Event[]; stderr: string }> {
  const r = await run(process.execPath, cliArgs(["build", "--json", "--goroot", gr, ...args]), {
    cwd: repo,
    env: goEnv(gr),
  });
  const events = r.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Event);
  return { code: r.code, events, stderr: r.stderr };
}

const ran = (events: Event[]) =>
  events
    .filter((e) => e.event === "start")
    .map((e) => `${e.kind ?? ""} ${e.target ?? ""} ${e.package ?? ""}`)
    .sort();

describe(
  "crossgo build script tests (Go 1.27)",
  { skip: go127 === undefined ? "Go 1.27 is not installed at /usr/lib/go-1.27" : false },
  () => {
    const gr = go127 ?? "";
    const work = join(testCache, "script");

    test(
      "second build runs no tool; touch rebuilds nothing; an edit rebuilds only its dependants",
      { timeout: 900_000 },
      async () => {
        const dir = join(work, "touch");
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(work, { recursive: true });
        cpSync(join(testdata, "touch"), dir, { recursive: true });
        const cache = join(work, "cache-touch");
        rmSync(cache, { recursive: true, force: true }); // a fresh cache: an edit from a previous run must not hit
        const args = [
          "-C",
          dir,
          "-t",
          "linux/amd64,linux/arm64",
          "--reproducible",
          "--cache",
          cache,
          "-o",
          "dist",
          ".",
        ];

        const first = await crossgo(gr, args);
        assert.equal(first.code, 0, first.stderr);
        assert.equal(first.events.filter((e) => e.event === "artifact").length, 2);

        // cmd/go's build_cache_compile: the second build runs no compiler, assembler or linker.
        const second = await crossgo(gr, args);
        assert.equal(second.code, 0, second.stderr);
        assert.deepEqual(
          second.events.filter((e) => e.event === "tool"),
          [],
          "tools ran in a no-op rebuild",
        );
        assert.ok(second.events.filter((e) => e.event === "done").every((e) => e.cached === true));

        // A new mtime with the same content changes no action ID.
        const lib = join(dir, "lib", "lib.go");
        const later = new Date(Date.now() + 5000);
        utimesSync(lib, later, later);
        const touched = await crossgo(gr, args);
        assert.deepEqual(ran(touched.events), []);

        // An edit of lib rebuilds lib, the main package that imports it and the links: per target.
        writeFileSync(
          lib,
          readFileSync(lib, "utf8").replace("hello from lib", "hello from edited lib"),
        );
        const edited = await crossgo(gr, args);
        assert.equal(edited.code, 0, edited.stderr);
        const want = [
          "compile linux/amd64 example.com/touch",
          "compile linux/amd64 example.com/touch/lib",
          "compile linux/arm64 example.com/touch",
          "compile linux/arm64 example.com/touch/lib",
          "link linux/amd64 example.com/touch",
          "link linux/arm64 example.com/touch",
        ];
        assert.deepEqual(ran(edited.events), want);
        const sums = readFileSync(join(dir, "dist", "SHA256SUMS"), "utf8");
        const ref = sha256File(await goBuild(gr, dir, "linux/amd64"));
        assert.match(sums, new RegExp(`^${ref}  touch_linux_amd64/touch$`, "m"));
        const manifest = JSON.parse(readFileSync(join(dir, "dist", "manifest.json"), "utf8")) as {
          artifacts: { target: string; sha256: string }[];
          goVersion: string;
        };
        assert.equal(manifest.goVersion, "go1.27.4".slice(0, manifest.goVersion.length));
        assert.deepEqual(manifest.artifacts.map((a) => a.target).sort(), [
          "linux/amd64",
          "linux/arm64",
        ]);
      },
    );

    test(
      "kill -9 at 10 random points, then build again: byte-identical, no cache error",
      { timeout: 900_000 },
      async () => {
        const dir = join(testdata, "hello");
        const cache = join(work, "cache-kill");
        const out = join(work, "dist-kill");
        rmSync(cache, { recursive: true, force: true });
        rmSync(out, { recursive: true, force: true });
        // This one loads with go list (--loader go); the others use the default native loader.
        const args = [
          "build",
          "--json",
          "--goroot",
          gr,
          "--loader",
          "go",
          "-C",
          dir,
          "-t",
          "linux/amd64",
          "--reproducible",
          "--cache",
          cache,
          "-o",
          out,
          ".",
        ];
        let seed = 12345;
        const random = () => {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          return seed / 2147483648;
        };
        for (let i = 0; i < 10; i++) {
          const child = spawn(process.execPath, cliArgs(args), {
            cwd: repo,
            env: goEnv(gr),
            stdio: "ignore",
          });
          const delay = 300 + Math.floor(random() * 2500);
          await new Promise((r) => setTimeout(r, delay));
          child.kill("SIGKILL");
          await new Promise((r) => child.once("exit", r));
        }
        // No partial output: nothing or a complete set (a run may finish before its kill).
        if (existsSync(out)) for (const f of readdirSync(out)) assert.doesNotMatch(f, /\.tmp-/);
        const final = await run(process.execPath, cliArgs(args), { cwd: repo, env: goEnv(gr) });
        assert.equal(final.code, 0, final.stderr);
        assert.doesNotMatch(final.stderr, /cache|internal error/i);
        const want = sha256File(await goBuild(gr, dir, "linux/amd64"));
        assert.equal(sha256File(join(out, "hello_linux_amd64", "hello")), want);
        // Every entry left behind reads back intact.
        const c = new Cache(cache);
        let checked = 0;
        for (const sub of readdirSync(cache).filter((n) => /^[0-9a-f]{2}$/.test(n))) {
          for (const name of readdirSync(join(cache, sub))) {
            if (!name.endsWith("-a")) continue;
            const e = c.get(name.slice(0, -2));
            if (e) {
              assert.ok(c.verify(e), `entry ${name} does not verify`);
              checked++;
            }
          }
        }
        assert.ok(checked > 50, `only ${String(checked)} cache entries`);
      },
    );
  },
);
