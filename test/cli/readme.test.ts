import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { crossgo, repoRoot } from "../support/cli.js";

describe("README", () => {
  it("CLI reference is the CLI's own help (regenerate: node scripts/cli-reference.mjs --write)", async () => {
    // @ts-expect-error: a plain .mjs script without types
    const gen = (await import("../../scripts/cli-reference.mjs")) as {
      reference(): string;
      spliceReadme(t: string, r: string): string;
    };
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    assert.equal(readme, gen.spliceReadme(readme, gen.reference()));
  });

  it("has exactly the two set-up commands, and they exist", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const block = /## Set-up[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const cmds = block.split("\n").filter((l) => l.trim() !== "");
    assert.equal(cmds.length, 2);
    assert.match(cmds[0]!, /^bash scripts\/setup\.sh/);
    assert.match(cmds[1]!, /^bash scripts\/test\.sh/);
    assert.match(readFileSync(join(repoRoot, ".ci", "run"), "utf8"), /scripts\/test\.sh/);
  });

  it("every command answers --help", async () => {
    const r = await crossgo(["--help"]);
    assert.equal(r.code, 0);
    const names = [...r.stdout.matchAll(/^ {2}(\w[\w-]*)/gm)]
      .map((m) => m[1]!)
      .filter((n) => n !== "help");
    assert.ok(names.includes("targets") && names.includes("resolve") && names.includes("env"));
    for (const n of names) {
      const h = await crossgo([n, "--help"]);
      assert.equal(h.code, 0, `${n} --help: ${h.stderr}`);
    }
  });
});
