// Inputs crossgo must read as go does (issue "Nothing wrong, nothing lost, every failure
// explained", items 11, 13 and 15): each case against the go command where go has an answer.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { crossgo, repoRoot } from "../support/cli.js";
import { goCmd } from "../support/toolchains.js";

function module(gomod: string): string {
  const dir = mkdtempSync(join(tmpdir(), "crossgo-inputs-"));
  writeFileSync(join(dir, "go.mod"), gomod);
  writeFileSync(join(dir, "main.go"), "package main\n\nfunc main() {}\n");
  return dir;
}

describe("inputs read as go reads them", () => {
  it("11: build refuses a go.mod that requires a newer Go, as go does with GOTOOLCHAIN=local", async () => {
    const dir = module("module example.com/newer\n\ngo 1.28\n");
    const go = await goCmd(27, ["build", "-o", "/dev/null", "."], {}, dir);
    assert.notEqual(go.code, 0);
    assert.match(go.stderr, /go\.mod requires go >= 1\.28/);
    const r = await crossgo(["build", "-t", "linux/amd64", "-o", join(dir, "dist"), "."], {
      cwd: dir,
    });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^crossgo: .*go\.mod:3: module requires go >= 1\.28/);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  });

  it("11: an unknown go.mod directive is an error at its line, as go says", async () => {
    const dir = module("module example.com/bogus\n\nbogus directive\n\ngo 1.22\n");
    const go = await goCmd(27, ["build", "-o", "/dev/null", "."], {}, dir);
    assert.notEqual(go.code, 0);
    assert.match(go.stderr, /go\.mod:3: unknown directive: bogus/);
    const out = join(dir, "dist");
    mkdirSync(out);
    for (const args of [
      ["build", "-t", "linux/amd64", "-o", out, "."],
      ["list", "-t", "linux/amd64", "."],
    ]) {
      const r = await crossgo(args, { cwd: dir });
      assert.notEqual(r.code, 0, `${args[0]}: ${r.stdout}`);
      assert.match(r.stderr, /go\.mod:3: unknown directive: bogus/, args[0]);
    }
  });

  it("13: selectors that leave nothing, or name a broken port, are refused up front", async () => {
    const hello = join(repoRoot, "examples", "hello");
    for (const [sel, want] of [
      ["linux/amd64,!linux/amd64", /matches no targets/],
      ["broken", /is a broken port of go1\.27/],
      [" ", /empty target selector/],
    ] as const) {
      const r = await crossgo(["build", "-t", sel, "-o", tmpdir(), "."], { cwd: hello });
      assert.equal(r.code, 2, `${sel}: ${r.stderr}`);
      assert.match(r.stderr, want);
    }
  });

  it("15: upper-case targets get a did-you-mean", async () => {
    const r = await crossgo(["resolve", "LINUX/AMD64", "--go", "1.27"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /did you mean linux\/amd64\?/);
  });

  it("15: env shows the cache in use, not an empty CROSSGO_CACHE", async () => {
    const home = mkdtempSync(join(tmpdir(), "crossgo-home-"));
    const r = await crossgo(["env", "--json"], {
      env: { HOME: home, CROSSGO_CACHE: "", XDG_CACHE_HOME: "" },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      (JSON.parse(r.stdout) as Record<string, string>).CROSSGO_CACHE,
      join(home, ".cache", "crossgo"),
    );
  });
});
