import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SourceCache } from "../../src/load/fs.js";
import { resolveTarget } from "../../src/platform/index.js";
import { inspectGoroot } from "../../src/toolchain/discover.js";
import { platformFromToolchain } from "../../src/toolchain/platform.js";
import { requireGo } from "../support/toolchains.js";
import { crossgoList, diffLists, goList } from "./golist.js";

// `crossgo list -e -json -deps std cmd` against `go list -e -json -deps std cmd` with GOOS and
// GOARCH set (cgo at go's default: on for the host port when its C compiler exists, off when
// cross-compiling). The default run covers a representative subset of ports; bench/list.ts
// runs every port of Go 1.27 and 1.23.
const PORTS_127 = [
  "linux/amd64",
  "linux/386",
  "linux/arm64",
  "linux/arm",
  "windows/amd64",
  "darwin/arm64",
  "js/wasm",
  "wasip1/wasm",
  "plan9/386",
  "aix/ppc64",
  "android/arm64",
  "ios/arm64",
];
const PORTS_123 = ["linux/amd64", "windows/arm", "openbsd/mips64", "ios/amd64", "linux/riscv64"];

// A directory outside any module, so that go list runs with no main module.
const cwd = mkdtempSync(join(tmpdir(), "crossgo-load-"));

for (const [minor, ports] of [
  [27, PORTS_127],
  [23, PORTS_123],
] as const) {
  describe(`go list -deps std cmd, Go 1.${minor}`, () => {
    const goroot = requireGo(minor);
    const cache = new SourceCache(); // shared across ports, as crossgo list shares it across targets
    for (const port of ports) {
      it(port, async () => {
        const platform = await platformFromToolchain(await inspectGoroot(goroot, "flag"));
        const t = resolveTarget(port, { platform });
        const [want, have] = await Promise.all([
          goList(goroot, t.goos, t.goarch, ["std", "cmd"], cwd),
          crossgoList(["std", "cmd"], {
            target: t,
            goroot,
            dir: cwd,
            cache,
            env: { PATH: process.env.PATH, HOME: process.env.HOME },
          }),
        ]);
        assert.ok(want.length > 300, `go list printed only ${want.length} packages`);
        assert.deepEqual(diffLists(have, want), []);
      });
    }
  });
}
