// Regression tests of the issue "One target, one toolchain, one rule table": each defect it
// found, through the CLI as a user meets it, and a guard that each Go rule keeps one home.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { crossgo, repoRoot } from "../support/cli.js";
import { requireGo } from "../support/toolchains.js";

const hello = join(repoRoot, "examples", "hello");

describe("one target, one toolchain", () => {
  it("a GOROOT without a VERSION file builds, as env and resolve accept it", async () => {
    const real = requireGo(27);
    const goroot = mkdtempSync(join(tmpdir(), "crossgo-noversion-"));
    for (const e of readdirSync(real))
      if (e !== "VERSION") symlinkSync(join(real, e), join(goroot, e));
    const out = mkdtempSync(join(tmpdir(), "crossgo-noversion-out-"));
    const r = await crossgo(
      ["build", "--goroot", goroot, "-t", "linux/arm64", "-o", out, "--json", "."],
      { cwd: hello },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"goVersion":"go1\.27/);
    assert.ok(statSync(join(out, "hello_linux_arm64", "hello")).size > 0);
  });

  it("a port that must link externally is refused when named next to a variant with a comma", async () => {
    const r = await crossgo(
      ["build", "-t", "ios/arm64,linux/arm64/v8.2,lse", "-o", tmpdir(), "."],
      {
        cwd: hello,
      },
    );
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^crossgo: ios\/arm64 needs external linking \(ios\/arm64: /m);
  });

  it("a keyword or glob sets such ports aside with a note", async () => {
    const r = await crossgo(
      ["build", "-t", "ios/*,linux/arm64", "-o", mkdtempSync(join(tmpdir(), "cg-")), "."],
      {
        cwd: hello,
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /skipping ios\/arm64: needs external linking/);
    assert.match(r.stderr, /skipping ios\/amd64: needs external linking \(default PIE binary/);
  });

  it("target and toolchain errors are usage errors: one line, exit 2", async () => {
    for (const [args, want] of [
      [["-t", "linux/amd46"], /^crossgo: unknown target linux\/amd46: did you mean linux\/amd64\?/],
      [
        ["-t", "linux/amd64,!linux/amd64"],
        /^crossgo: selector "linux\/amd64,!linux\/amd64" matches no targets/,
      ],
      [["-t", ""], /^crossgo: empty target selector/],
      [["-t", ","], /^crossgo: empty target selector/],
      [["-t", "linux/sparc64"], /^crossgo: linux\/sparc64 is a broken port of go1\.27/],
      [["--goroot", "/nonexistent"], /^crossgo: \/nonexistent: no such directory/],
    ] as const) {
      const r = await crossgo(["build", ...args, "-o", tmpdir(), "."], { cwd: hello });
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, want);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    }
  });

  it("crossgo resolve ios/amd64 reports Go's MustLinkExternal and the reason apart", async () => {
    const r = await crossgo(["resolve", "ios/amd64", "--json", "--go", "1.27"]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { MustLinkExternal: boolean; ExternalLinkReason: string };
    assert.equal(j.MustLinkExternal, false);
    assert.equal(j.ExternalLinkReason, "default PIE binary");
  });
});

// Each Go rule has one definition: a second `function mustLinkExternal` (or a second reader of
// GOROOT/VERSION) anywhere in src fails here.
describe("one fact, one home", () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) files.push(p);
    }
  };
  walk(join(repoRoot, "src"));
  const where = (re: RegExp) =>
    files.filter((f) => re.test(readFileSync(f, "utf8"))).map((f) => relative(repoRoot, f));

  for (const [fact, re, home] of [
    [
      "mustLinkExternal",
      /function mustLinkExternal\b|mustLinkExternal\s*=\s*\(/,
      "src/platform/rules.ts",
    ],
    ["defaultPIE", /function defaultPIE\b/, "src/platform/rules.ts"],
    [
      "internalLinkPIESupported",
      /function internalLinkPIESupported\b|INTERNAL_LINK_PIE|internalPIE\s*=/,
      "src/platform/rules.ts",
    ],
    ["linkerDeps", /function linkerDeps\b/, "src/platform/rules.ts"],
    ["GOROOT/VERSION", /["'`/]VERSION["'`)]/, "src/toolchain/goroot.ts"],
    ["zbootstrap.go", /zbootstrap\.go"/, "src/toolchain/goroot.ts"],
    ["zdefaultcc.go", /zdefaultcc\.go"/, "src/toolchain/goroot.ts"],
    ["cmd/dist's cgo table", /cgoEnabled = map/, "src/platform/ports-data.ts"],
    ["Node's platform names", /win32:\s*"windows"|"win32"/, "src/platform/triples.ts"],
  ] as const) {
    it(fact, () => {
      const found = where(re);
      assert.ok(
        found.every((f) => f === home),
        `${fact} is defined in ${found.join(", ")}; its home is ${home}`,
      );
    });
  }
});
