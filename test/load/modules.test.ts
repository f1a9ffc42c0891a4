import assert from "node:assert/strict";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { run } from "../../src/process/run.js";
import { requireGo } from "../support/toolchains.js";
import { crossgoList, diffLists, goEnv, goList } from "./golist.js";
import { ageTree, buildProxy } from "./modproxy.js";

// Module loading against the real go command, offline: testdata/proxy becomes a
// GOPROXY=file:// proxy, go downloads from it into a fresh GOMODCACHE, and crossgo reads the
// same module cache. The fixtures cover MVS (b is required at v1.0.0, v1.1.0 and v1.2.0;
// old and d have unpruned go 1.16 graphs), replace to a directory and to another module
// version, a case-encoded module path, go.sum hashes, a go.work workspace, vendor/ with
// modules.txt (the default -mod=vendor rule), and packages with errors (a malformed
// //go:build line, two package names, missing imports, an excluded-everywhere package).
const fixtures = join(import.meta.dirname, "testdata");
const root = mkdtempSync(join(tmpdir(), "crossgo-mods-"));
const work = join(root, "work");
const extra: Record<string, string> = {
  GOPROXY: `file://${join(root, "proxy")}`,
  GOMODCACHE: join(root, "modcache"),
  GOPATH: join(root, "gopath"),
  GONOSUMDB: "*",
  GOFLAGS: "",
};

async function compare(
  minor: number,
  dir: string,
  port: string,
  patterns: string[],
): Promise<void> {
  const goroot = requireGo(minor);
  const [goos, goarch] = port.split("/") as [string, string];
  // go first: it downloads what the build list needs into GOMODCACHE, which crossgo then reads.
  const want = await goList(goroot, goos, goarch, patterns, dir, extra);
  const have = await crossgoList(patterns, {
    target: { goos, goarch },
    goroot,
    dir,
    env: { ...extra, PATH: process.env.PATH, HOME: process.env.HOME },
  });
  assert.ok(want.length > 20, `go list printed only ${want.length} packages`);
  assert.deepEqual(diffLists(have, want), []);
}

before(async () => {
  buildProxy(join(fixtures, "proxy"), join(root, "proxy"));
  cpSync(join(fixtures, "mods"), work, { recursive: true });
  // A vendored copy of the main module, made by go mod vendor from the same proxy.
  cpSync(join(fixtures, "mods"), join(root, "vend"), { recursive: true });
  const r = await run(join(requireGo(27), "bin", "go"), ["mod", "vendor", "-e"], {
    cwd: join(root, "vend", "main"),
    env: goEnv(requireGo(27), extra),
  });
  assert.equal(r.code, 0, r.stderr);
  ageTree(work);
  ageTree(join(root, "vend"));
});

describe("main module: ./... all (replace, MVS, go.sum, errors)", () => {
  for (const port of ["linux/amd64", "windows/amd64", "plan9/386", "darwin/arm64", "js/wasm"]) {
    it(`Go 1.27 ${port}`, () => compare(27, join(work, "main"), port, ["./...", "all"]));
  }
  it("Go 1.23 linux/arm", () => compare(23, join(work, "main"), "linux/arm", ["./...", "all"]));
});

describe("go.work workspace", () => {
  it("all from the workspace root", () => compare(27, join(work, "work"), "linux/amd64", ["all"]));
  it("./... and example.com/... from a workspace module", () =>
    compare(27, join(work, "work", "m1"), "windows/arm64", ["./...", "example.com/..."]));
});

describe("directory patterns outside the main module's tree (modload.resolveLocalPackage)", () => {
  // A replacement directory, a module cache directory of the build list, a directory that
  // does not exist, GOROOT/src/fmt, and (from a workspace) a module not in go.work.
  it("from the main module", async () => {
    // go list ./... first: go fills GOMODCACHE with the build list.
    await goList(requireGo(27), "linux", "amd64", ["./..."], join(work, "main"), extra);
    await compare(27, join(work, "main"), "linux/amd64", [
      "../local",
      join(root, "modcache", "example.com", "a@v1.0.0"),
      "./nonexist",
      join(requireGo(27), "src", "fmt"),
      "../work/m1",
    ]);
  });
  it("from a workspace module", () =>
    compare(27, join(work, "work", "m1"), "linux/amd64", [
      "../../main",
      "./cmd/...",
      "../../local/...",
    ]));
});

describe("vendor directory (default -mod=vendor)", () => {
  for (const port of ["linux/amd64", "windows/arm64"]) {
    it(`Go 1.27 ${port}`, () => compare(27, join(root, "vend", "main"), port, ["./...", "all"]));
  }
});
