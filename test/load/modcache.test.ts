import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { crossgo, repoRoot } from "../support/cli.js";
import { goCmd } from "../support/toolchains.js";

// A required module missing from the module cache: go would download it; crossgo never does
// and says how to fill the cache.
describe("module not in the cache", () => {
  it("says to run go mod download instead of go get", async () => {
    const dir = join(repoRoot, "test", "work", "testdata", "proxydeps");
    const env = {
      GOMODCACHE: mkdtempSync(join(tmpdir(), "crossgo-emptymc-")),
      GOFLAGS: "",
      GOPROXY: "off",
    };
    const r = await crossgo(["list", "-e", "-json", "--goroot", "/usr/lib/go-1.27", "."], {
      cwd: dir,
      env,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /module example\.com\/greet@v1\.0\.0 provides package example\.com\/greet but is not in the module cache; run 'go mod download'/,
    );
    // go itself, told not to download, fails on the same module.
    const g = await goCmd(
      27,
      ["list", "-e", "-json", "."],
      { GOMODCACHE: env.GOMODCACHE, GOPROXY: "off", GOFLAGS: "-mod=mod" },
      dir,
    );
    assert.match(g.stdout + g.stderr, /example\.com\/greet/);
  });
});
