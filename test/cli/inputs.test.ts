// Inputs crossgo must read as go does (issue "Nothing wrong, nothing lost, every failure
// explained", items 11, 13 and 15): each case against the go command where go has an answer.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { crossgo, repoRoot } from "../support/cli.js";
import { goCmd, requireGo } from "../support/toolchains.js";

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

  it("15: build prints go build's own message for each package error (missing directory, no Go files, import cycle chain, internal package)", async () => {
    const dir = module("module example.com/msgs\n\ngo 1.22\n");
    const files: Record<string, string> = {
      "empty/README": "no Go here\n",
      "cycle/main.go": 'package main\n\nimport _ "example.com/msgs/a"\n\nfunc main() {}\n',
      "a/a.go": 'package a\n\nimport _ "example.com/msgs/b"\n',
      "b/b.go": 'package b\n\nimport _ "example.com/msgs/a"\n',
      "x/internal/y/y.go": "package y\n",
      "usei/main.go":
        'package main\n\nimport _ "example.com/msgs/x/internal/y"\n\nfunc main() {}\n',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, ".."), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    for (const pkg of ["./nonexist", "./empty", "./cycle", "./usei"]) {
      const go = await goCmd(27, ["build", "-o", "/dev/null", pkg], {}, dir);
      assert.equal(go.code, 1, `${pkg}: ${go.stderr}`);
      const r = await crossgo(["build", "-t", "linux/amd64", "-o", join(dir, "dist"), pkg], {
        cwd: dir,
      });
      assert.equal(r.code, 1, r.stderr);
      // crossgo's stderr: "# linux/amd64", go's message, then one summary line naming the cause.
      const lines = r.stderr.trimEnd().split("\n");
      assert.equal(lines[0], "# linux/amd64", r.stderr);
      assert.equal(lines.slice(1, -1).join("\n"), go.stderr.trimEnd(), pkg);
      const cause = go.stderr.trimEnd().split("\n").at(-1)?.trim() ?? "";
      assert.ok(lines.at(-1)?.includes(cause), `the summary names the cause: ${lines.at(-1)}`);
    }
  });

  it("15: build outside any module says go.mod was not found, once, as go does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crossgo-inputs-"));
    writeFileSync(join(dir, "main.go"), "package main\n\nfunc main() {}\n");
    const go = await goCmd(27, ["build", "-o", "/dev/null", "."], {}, dir);
    assert.equal(go.code, 1);
    const want = go.stderr.trim().replace(/^go: /, "");
    assert.match(want, /^go\.mod file not found in current directory or any parent directory/);
    const r = await crossgo(["build", "-t", "linux/amd64,windows/amd64", "-o", "dist", "."], {
      cwd: dir,
    });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `crossgo: ${want}\n`);
    const l = await crossgo(["list", "--goroot", requireGo(27), "-e", "."], { cwd: dir });
    assert.deepEqual([l.code, l.stderr], [1, `crossgo: ${want}\n`]);
  });

  it("15: a working directory reached through a symbolic link keeps go's spelling ($PWD)", async () => {
    const goroot = requireGo(27);
    // Debian's /usr/lib/go-1.N/src is a link into /usr/share; go names packages by $PWD.
    const dir = join(goroot, "src", "fmt");
    const go = await goCmd(27, ["list", "-f", "{{.ImportPath}} {{.Dir}}", "."], { PWD: dir }, dir);
    assert.equal(go.code, 0, go.stderr);
    const r = await crossgo(["list", "--goroot", goroot, "-json", "."], {
      cwd: dir,
      env: { PWD: dir },
    });
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout) as { ImportPath: string; Dir: string; Standard?: boolean };
    assert.equal(`${p.ImportPath} ${p.Dir}`, go.stdout.trim());
    assert.equal(p.Standard, true);
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
