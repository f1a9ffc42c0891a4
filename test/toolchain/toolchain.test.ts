import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseGoVersion } from "../../src/platform/version.js";
import { bootstrapRequirement, checkBootstrap } from "../../src/toolchain/bootstrap.js";
import {
  debianToolchains,
  findToolchain,
  inspectGoroot,
  ToolchainError,
} from "../../src/toolchain/discover.js";
import {
  checkToolchain,
  parseGoModDirectives,
  readGoModDirectives,
  ToolchainTooOldError,
} from "../../src/toolchain/gomod.js";
import { crossgo, repoRoot } from "../support/cli.js";
import { goCmd, goroot, installedMinors, requiredMinors } from "../support/toolchains.js";

describe("toolchain discovery", () => {
  it("reads version, host and tools like go env", async () => {
    for (const m of requiredMinors) {
      const t = await inspectGoroot(goroot(m), "flag");
      const r = await goCmd(m, [
        "env",
        "-json",
        "GOVERSION",
        "GOROOT",
        "GOHOSTOS",
        "GOHOSTARCH",
        "GOTOOLDIR",
      ]);
      const e = JSON.parse(r.stdout) as Record<string, string>;
      assert.equal(t.version, e.GOVERSION);
      assert.equal(t.goroot, e.GOROOT);
      assert.equal(t.hostOS, e.GOHOSTOS);
      assert.equal(t.hostArch, e.GOHOSTARCH);
      assert.equal(t.toolDir, e.GOTOOLDIR);
      // Since Go 1.26 the rarely used tools (buildid, pack, nm, ...) are built on demand by `go tool`.
      for (const tool of ["compile", "asm", "link", "cgo"])
        assert.ok(t.tools[tool], `Go 1.${m} ${tool}`);
    }
  });

  it("order: --goroot, $GOROOT, go on PATH, then /usr/lib/go-1.* newest first", async () => {
    const newest = installedMinors().at(-1)!;
    assert.equal(
      (await findToolchain({ goroot: goroot(23), env: { GOROOT: goroot(22), PATH: "" } })).goVersion
        .minor,
      23,
    );
    const byEnv = await findToolchain({ env: { GOROOT: goroot(22), PATH: `${goroot(26)}/bin` } });
    assert.equal(byEnv.goVersion.minor, 22);
    assert.equal(byEnv.source, "GOROOT");
    // A symlinked go on PATH resolves to its GOROOT, as /usr/bin/go -> ../lib/go-1.N/bin/go does.
    const bin = mkdtempSync(join(tmpdir(), "crossgo-path-"));
    symlinkSync(join(goroot(26), "bin", "go"), join(bin, "go"));
    const byPath = await findToolchain({ env: { PATH: bin } });
    assert.equal(byPath.goroot, goroot(26));
    assert.equal(byPath.source, "PATH");
    const deb = await findToolchain({ env: { PATH: "/nonexistent" } });
    assert.equal(deb.goVersion.minor, newest);
    assert.equal(deb.source, "debian");
    assert.deepEqual((await debianToolchains()).slice(0, 2), [
      goroot(newest),
      goroot(installedMinors().at(-2)!),
    ]);
    await assert.rejects(
      findToolchain({ env: { PATH: "/nonexistent" }, debianRoot: "/nonexistent" }),
      ToolchainError,
    );
    await assert.rejects(findToolchain({ goroot: "/tmp" }), /not a Go installation/);
  });
});

describe("go.mod requirements", () => {
  it("parses go and toolchain directives", () => {
    const d = parseGoModDirectives(
      "module example.com/m // c\n\ngo 1.28.1\n\ntoolchain go1.29.0\nrequire x v1.0.0\n",
      "/m/go.mod",
    );
    assert.equal(d.module, "example.com/m");
    assert.deepEqual(d.go, { version: "1.28.1", line: 3 });
    assert.deepEqual(d.toolchain, { version: "go1.29.0", line: 5 });
    assert.throws(
      () => parseGoModDirectives("go 1.2x\n", "/m/go.mod"),
      /go.mod:1: invalid go version '1.2x'/,
    );
  });

  it("a newer go line fails naming both versions and what to install; crossgo never downloads", async () => {
    const t = await inspectGoroot(goroot(23), "flag");
    const mod = parseGoModDirectives("module m\ngo 1.27\n", "/m/go.mod");
    assert.throws(
      () => checkToolchain(t, mod),
      (e: unknown) =>
        e instanceof ToolchainTooOldError &&
        /go.mod:2: module requires go >= 1\.27/.test(e.message) &&
        /go1\.23\.\d+ at \/usr\/lib\/go-1\.23/.test(e.message) &&
        /apt-get install golang-1\.27-go/.test(e.message),
    );
    // A newer toolchain line is a preference: a note, not an error.
    const pref = checkToolchain(
      t,
      parseGoModDirectives("module m\ngo 1.21\ntoolchain go1.99.0\n", "/m/go.mod"),
    );
    assert.match(pref.notes[0]!, /prefers toolchain go1\.99\.0/);
    // The same module with the real go and GOTOOLCHAIN=local also refuses.
    const dir = mkdtempSync(join(tmpdir(), "crossgo-mod-"));
    writeFileSync(join(dir, "go.mod"), "module m\n\ngo 1.27\n");
    writeFileSync(join(dir, "main.go"), "package main\nfunc main() {}\n");
    const r = await goCmd(23, ["list", "."], {}, dir);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /requires go >= 1\.27/);
    const cli = await crossgo(["env", "--goroot", goroot(23), "-C", dir]);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /requires go >= 1\.27/);
  });

  it("examples/hello is satisfied by Go 1.27", async () => {
    const mod = await readGoModDirectives(join(repoRoot, "examples", "hello"));
    assert.ok(mod?.go);
    checkToolchain(await inspectGoroot(goroot(27), "flag"), mod);
  });
});

describe("bootstrap policy", () => {
  it("matches bootgo= in every installed release's make.bash", () => {
    for (const m of installedMinors()) {
      const mk = readFileSync(join(goroot(m), "src", "make.bash"), "utf8");
      const want =
        /^bootgo=(\S+)/m.exec(mk)?.[1] ?? /Go tree >= Go (\S+) for bootstrap/.exec(mk)![1]!;
      const got = bootstrapRequirement(parseGoVersion(`1.${m}`)!);
      assert.equal(got.needs, `go${want}`, `Go 1.${m}`);
      assert.equal(got.extrapolated, false);
    }
  });

  it("Go 1.4 and earlier need no bootstrap Go: they build with a C compiler (issue 14 item 15)", async () => {
    const r = await crossgo([
      "toolchain",
      "bootstrap-check",
      "--goroot-bootstrap",
      goroot(27),
      "--for",
      "1.4",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ok: Go 1\.4 is written in C .*needs no bootstrap Go/);
    assert.doesNotMatch(r.stdout, /cannot compare/);
  });

  it("judges real trees", async () => {
    assert.equal(checkBootstrap("go1.24.6", parseGoVersion("1.27")!, "/x").ok, true);
    assert.match(
      checkBootstrap("go1.23.5", parseGoVersion("1.27")!, "/x").reason,
      /needs Go >= go1\.24\.6.*has go1\.23\.5/,
    );
    assert.equal(bootstrapRequirement(parseGoVersion("1.29")!).extrapolated, true);
    const ok = await crossgo([
      "toolchain",
      "bootstrap-check",
      "--goroot-bootstrap",
      goroot(26),
      "--for",
      "1.27",
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^ok: go1\.26\.\d+ >= go1\.24\.6/);
    const no = await crossgo([
      "toolchain",
      "bootstrap-check",
      "--goroot-bootstrap",
      goroot(23),
      "--for",
      "1.27",
      "--json",
    ]);
    assert.equal(no.code, 1);
    const v = JSON.parse(no.stdout) as { ok: boolean; needs: string; have: string };
    assert.equal(v.ok, false);
    assert.equal(v.needs, "go1.24.6");
    const empty = mkdtempSync(join(tmpdir(), "crossgo-boot-"));
    mkdirSync(join(empty, "bin"));
    const none = await crossgo([
      "toolchain",
      "bootstrap-check",
      "--goroot-bootstrap",
      empty,
      "--for",
      "1.27",
    ]);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /holds no Go toolchain/);
  });
});

describe("crossgo env", () => {
  it("--json reports what go env reports", async () => {
    const r = await crossgo(["env", "--json", "--goroot", goroot(27)]);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout) as Record<string, string>;
    const g = JSON.parse(
      (await goCmd(27, ["env", "-json", "GOVERSION", "GOROOT", "GOTOOLDIR"])).stdout,
    ) as Record<string, string>;
    assert.equal(e.GOVERSION, g.GOVERSION);
    assert.equal(e.GOROOT, g.GOROOT);
    assert.equal(e.GOTOOLDIR, g.GOTOOLDIR);
  });
});
