// Byte identity: crossgo's native driver against the real `go build -trimpath -buildvcs=false
// -ldflags="-s -w -buildid="` of the same Go, sha256 for sha256.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { run } from "../../src/process/run.js";
import { readGoroot } from "../../src/toolchain/goroot.js";
import { targetEnv } from "../../src/work/target.js";
import {
  crossgoBuild,
  goBuild,
  goEnv,
  goroot,
  sha256File,
  testCache,
  testdata,
  workTarget,
} from "./oracle.js";

const go127 = goroot(27);

/** REPRESENTATIVE are the ports of the default test run (the bench script does all 42). */
const REPRESENTATIVE = [
  "linux/amd64",
  "linux/arm64",
  "linux/arm/v6",
  "windows/amd64",
  "darwin/arm64",
  "js/wasm",
  "wasip1/wasm",
  "aix/ppc64",
  "plan9/386",
  "linux/riscv64",
];

async function assertIdentical(
  gorootDir: string,
  dir: string,
  specs: string[],
  pkg = ".",
): Promise<void> {
  const res = await crossgoBuild(gorootDir, dir, specs, { pkg });
  assert.deepEqual(res.failures, [], "crossgo build failures");
  assert.equal(res.artifacts.length, specs.length);
  for (const spec of specs) {
    const art = res.artifacts.find((a) => a.target === spec);
    assert.ok(art, `no artifact for ${spec}`);
    const ref = await goBuild(gorootDir, dir, spec, pkg);
    const want = sha256File(ref);
    assert.equal(
      art.sha256,
      want,
      `${pkg} ${spec}: crossgo sha256 ${art.sha256} (have), go build ${want} (want)`,
    );
  }
}

describe(
  "byte identity with go build (Go 1.27)",
  { skip: go127 === undefined ? "Go 1.27 is not installed at /usr/lib/go-1.27" : false },
  () => {
    const gr = go127 ?? "";
    test("hello on 10 representative ports in one graph", { timeout: 900_000 }, async () => {
      await assertIdentical(gr, join(testdata, "hello"), REPRESENTATIVE);
    });
    test(
      "a program with its own assembly (amd64, arm64) and a generic fallback (riscv64)",
      { timeout: 600_000 },
      async () => {
        await assertIdentical(gr, join(testdata, "asm"), [
          "linux/amd64",
          "linux/arm64",
          "linux/riscv64",
        ]);
      },
    );
    test("//go:embed of a file, a directory and all: patterns", { timeout: 600_000 }, async () => {
      await assertIdentical(gr, join(testdata, "embed"), ["linux/amd64"]);
    });
    test("vendored dependencies", { timeout: 600_000 }, async () => {
      await assertIdentical(gr, join(testdata, "vendored"), ["linux/amd64"]);
    });
    test(
      "dependencies from a local module proxy (go.sum recorded in the build info)",
      { timeout: 600_000 },
      async () => {
        await assertIdentical(gr, join(testdata, "proxydeps"), ["linux/amd64"]);
      },
    );
    test(
      "a module declaring go 1.20 (default GODEBUG linked in)",
      { timeout: 600_000 },
      async () => {
        await assertIdentical(gr, join(testdata, "oldgo"), ["linux/amd64"]);
      },
    );
    test("cmd/gofmt", { timeout: 900_000 }, async () => {
      await assertIdentical(gr, join(testdata, "hello"), ["linux/amd64"], "cmd/gofmt");
    });
    test(
      "every action ID equals cmd/go's (GODEBUG=gocachehash=1), for a program with asm and a module dep",
      { timeout: 600_000 },
      async () => {
        for (const [prog, spec] of [
          ["proxydeps", "linux/arm/v6"],
          ["asm", "darwin/arm64"],
        ] as const) {
          const dir = join(testdata, prog);
          const res = await crossgoBuild(gr, dir, [spec]);
          assert.deepEqual(res.failures, []);
          const t = workTarget(spec, readGoroot(gr));
          const r = await run(
            join(gr, "bin", "go"),
            [
              "build",
              "-a",
              "-trimpath",
              "-buildvcs=false",
              "-ldflags=-s -w -buildid=",
              "-o",
              join(testCache, "gocachehash.bin"),
              ".",
            ],
            {
              cwd: dir,
              env: goEnv(gr, { ...targetEnv(t), GODEBUG: "gocachehash=1" }),
            },
          );
          assert.equal(r.code, 0, r.stderr.slice(-2000));
          const want = new Map<string, string>();
          for (const m of r.stderr.matchAll(/^HASH\[(build|link) (\S+)\]: ([0-9a-f]{64})$/gm))
            want.set(`${m[1] === "build" ? "compile" : "link"} ${m[2] ?? ""}`, m[3] ?? "");
          assert.equal(
            want.size,
            res.graph.actions.length,
            `${prog}: cmd/go hashed ${String(want.size)} actions, crossgo planned ${String(res.graph.actions.length)}`,
          );
          for (const a of res.graph.actions) {
            assert.equal(
              a.goActionID,
              want.get(`${a.kind} ${a.pkg.ImportPath}`),
              `${prog} ${spec}: ${a.kind} ${a.pkg.ImportPath} (have crossgo, want cmd/go)`,
            );
          }
        }
      },
    );
    // cmd/go links cmd/internal/objabi, whose buildID variable cmd/go sets to the binary's own
    // build ID: identity needs every action ID to equal cmd/go's (src/work/goids.ts).
    test("cmd/go for linux/amd64 and windows/arm64", { timeout: 1_200_000 }, async () => {
      await assertIdentical(
        gr,
        join(testdata, "hello"),
        ["linux/amd64", "windows/arm64"],
        "cmd/go",
      );
    });
  },
);
