// The planner's two package sources must agree: crossgo's own loader (src/load, via
// NativeLoader) against `go list -json -deps -e`, on every field the planner reads.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { listPackages } from "../../src/load/golist.js";
import { readGoroot } from "../../src/toolchain/goroot.js";
import { NativeLoader } from "../../src/load/nativeload.js";
import type { BuildPackage } from "../../src/load/package.js";
import { goEnv, goroot, testdata, workTarget } from "./oracle.js";

const go127 = goroot(27);

// view keeps what the planner, the action IDs and the build info use.
function view(p: BuildPackage): Record<string, unknown> {
  const m = p.Module;
  return {
    ImportPath: p.ImportPath,
    Dir: p.Dir,
    Name: p.Name,
    Goroot: p.Goroot,
    Standard: p.Standard,
    DepOnly: p.DepOnly,
    Module: m
      ? {
          Path: m.Path,
          Version: m.Version ?? "",
          Main: m.Main ?? false,
          GoVersion: m.GoVersion ?? "",
          Replace: m.Replace?.Path ?? "",
        }
      : null,
    GoFiles: p.GoFiles,
    CgoFiles: p.CgoFiles,
    SFiles: p.SFiles,
    HFiles: p.HFiles,
    SysoFiles: p.SysoFiles,
    EmbedPatterns: p.EmbedPatterns,
    EmbedFiles: p.EmbedFiles,
    EmbedMap: p.Embed,
    Imports: p.Imports,
    ImportMap: p.ImportMap,
    Deps: p.Deps,
    DefaultGODEBUG: p.DefaultGODEBUG,
    Error: p.Error?.Err ?? "",
  };
}

const cases: { dir: string; pkg: string }[] = [
  { dir: "hello", pkg: "." },
  { dir: "asm", pkg: "." },
  { dir: "embed", pkg: "." },
  { dir: "vendored", pkg: "." },
  { dir: "proxydeps", pkg: "." },
  { dir: "oldgo", pkg: "." },
  { dir: "touch", pkg: "." },
  { dir: "hello", pkg: "cmd/gofmt" },
];
const targets = [
  "linux/amd64",
  "linux/arm/v6",
  "windows/arm64",
  "darwin/arm64",
  "js/wasm",
  "plan9/386",
];

describe(
  "native loader vs go list (Go 1.27)",
  { skip: go127 === undefined ? "Go 1.27 is not installed at /usr/lib/go-1.27" : false },
  () => {
    const gr = readGoroot(go127 ?? "/nonexistent");
    const native = new NativeLoader();
    for (const c of cases) {
      test(
        `${c.dir} ${c.pkg} on ${String(targets.length)} targets`,
        { timeout: 300_000 },
        async () => {
          for (const spec of targets) {
            const o = {
              goroot: gr,
              dir: join(testdata, c.dir),
              patterns: [c.pkg],
              target: workTarget(spec, gr),
              tags: [],
              cgoEnabled: false,
              env: goEnv(gr.goroot),
            };
            const want = (await listPackages(o)).map(view);
            const have = (await native.load(o)).map(view);
            assert.deepEqual(
              have.map((p) => p.ImportPath),
              want.map((p) => p.ImportPath),
              `${c.dir} ${spec}: package lists (have native, want go list)`,
            );
            for (const [i, w] of want.entries())
              assert.deepEqual(
                have[i],
                w,
                `${c.dir} ${spec} ${String(w.ImportPath)} (have native, want go list)`,
              );
          }
        },
      );
    }
  },
);
