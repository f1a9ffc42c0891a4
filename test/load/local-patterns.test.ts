// Directory patterns that name no package, and a working directory outside any module,
// against go list (issue "Nothing wrong, nothing lost, every failure explained", item 15):
// go reports such a pattern as a package whose import path is the pattern itself, and stops
// with "go.mod file not found" when a directory pattern needs a main module and there is none.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { load } from "../../src/load/loader.js";
import { NoMainModuleError } from "../../src/load/patterns.js";
import { run } from "../../src/process/run.js";
import { installedMinors, requireGo } from "../support/toolchains.js";
import { crossgoList, diffLists, goEnv, goList } from "./golist.js";

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "crossgo-local-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const root = tree({
  "nomod/main.go": "package main\n\nfunc main() {}\n",
  "m/go.mod": "module example.com/m\n\ngo 1.19\n",
  "m/main.go": "package main\n\nfunc main() {}\n",
  "m/empty/README": "no Go here\n",
  "m/onlyignored/x.go": "//go:build ignore\n\npackage x\n",
  "m/onlytests/x_test.go": "package x\n",
  "m/nested/go.mod": "module example.com/nested\n",
  "m/nested/n.go": "package n\n",
});
const mod = join(root, "m");
const minors = installedMinors().filter((m) => [19, 22, 27].includes(m));

async function compare(minor: number, dir: string, patterns: string[]): Promise<void> {
  const goroot = requireGo(minor);
  const want = await goList(goroot, "linux", "amd64", patterns, dir, {}, false);
  const have = await crossgoList(patterns, {
    target: { goos: "linux", goarch: "amd64" },
    goroot,
    dir,
    deps: false,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  assert.ok(want.length >= patterns.length, `go list printed ${String(want.length)} packages`);
  assert.deepEqual(diffLists(have, want), []);
}

describe("directory patterns that name no package are packages named by the pattern", () => {
  for (const minor of minors) {
    it(`Go 1.${String(minor)}: a missing directory, no Go files, a nested module, outside the module`, () =>
      compare(minor, mod, [
        "./nonexist",
        "./empty",
        "./onlyignored",
        "./onlytests",
        "./nested",
        "../nomod",
        "../...",
        ".",
      ]));
    it(`Go 1.${String(minor)}: outside any module, import paths and wildcards`, () =>
      compare(minor, join(root, "nomod"), ["example.com/x", "./...", "fmt"]));
  }
});

describe("DefaultGODEBUG of main packages: go version, go.mod godebug lines, //go:debug", () => {
  const m = tree({
    "go.mod": "module example.com/dbg\n\ngo 1.21\n\ngodebug (\n\tpanicnil=1\n)\n",
    "main.go": "//go:debug http2client=0\n\npackage main\n\nfunc main() {}\n",
    "cmd/other/main.go": "//go:debug default=go1.26\n\npackage main\n\nfunc main() {}\n",
    "lib/lib.go": "package lib\n",
  });
  for (const minor of minors.filter((v) => v >= 23)) {
    it(`Go 1.${String(minor)}`, () => compare(minor, m, ["./...", "cmd/gofmt"]));
  }
});

describe("a directory pattern with no main module stops the load, as go's does", () => {
  for (const minor of minors) {
    it(`Go 1.${String(minor)}`, async () => {
      const goroot = requireGo(minor);
      const dir = join(root, "nomod");
      const go = await run(join(goroot, "bin", "go"), ["list", "-e", "."], {
        cwd: dir,
        env: goEnv(goroot),
      });
      assert.equal(go.code, 1);
      const want = go.stderr.trim().replace(/^go: /, "");
      await assert.rejects(
        load(["."], {
          target: { goos: "linux", goarch: "amd64" },
          goroot,
          dir,
          env: { PATH: process.env.PATH, HOME: process.env.HOME },
        }),
        (e: unknown) => e instanceof NoMainModuleError && e.message === want,
      );
    });
  }
});
