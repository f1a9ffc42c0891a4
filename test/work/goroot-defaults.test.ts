import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readGoroot } from "../../src/toolchain/goroot.js";
import { goCmd, goroot } from "../support/toolchains.js";

// Regression: the driver read zbootstrap.go's defaults only in Go 1.24's spelling
// (DefaultGO386), so with Go 1.23 (defaultGO386) a linux/386 build assumed GO386=sse2 where
// Debian's go builds softfloat.
describe("driver's sub-arch defaults equal go env", () => {
  for (const minor of [23, 27]) {
    it(`Go 1.${minor}`, async () => {
      const d = readGoroot(goroot(minor)).defaults;
      for (const [v, goarch] of [
        ["GO386", "386"],
        ["GOAMD64", "amd64"],
        ["GOPPC64", "ppc64le"],
        ["GOMIPS", "mips"],
      ] as const) {
        const r = await goCmd(minor, ["env", v], { GOOS: "linux", GOARCH: goarch });
        assert.equal(d[v], r.stdout.trim(), `${v} on Go 1.${minor}`);
      }
    });
  }
});
