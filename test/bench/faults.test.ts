// bench/faults.ts on a small matrix (2 targets, 3 kills, 8 corruptions), run as a user would
// run it over the built CLI (bin/crossgo.js: npm test builds first). Each of its checks is a
// test here: passed, failed with its reason, or skipped with its reason (never shown passed).
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { run } from "../../src/process/run.js";
import { repoRoot } from "../support/cli.js";
import { requireGo } from "../support/toolchains.js";

interface Result {
  check: string;
  items: number[];
  status: "pass" | "fail" | "skip";
  detail: string;
}

const goroot = requireGo(27);
const r = await run(
  process.execPath,
  [
    "--import",
    "tsx",
    join(repoRoot, "bench", "faults.ts"),
    "--goroot",
    goroot,
    "--targets",
    "linux/amd64,linux/arm64",
    "--kills",
    "3",
    "--corrupt",
    "8",
    "--cli",
    join(repoRoot, "bin", "crossgo.js"),
    "--json",
  ],
  { cwd: repoRoot },
);
const results = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "[]") as Result[];

describe("bench/faults.ts (issue 14): after each fault the next build is go build's bytes", () => {
  test("it ran every check and its exit status agrees with them", () => {
    assert.ok(results.length >= 6, r.stderr); // 9, or 6 when tmpfs cannot be mounted
    const failed = results.some((x) => x.status === "fail");
    assert.equal(r.code, failed ? 1 : 0, r.stderr);
  });
  for (const x of results) {
    const items = x.items.length > 0 ? ` (issue 14 items ${x.items.join(", ")})` : "";
    test(`${x.check}${items}`, (t) => {
      if (x.status === "skip") t.skip(x.detail);
      else assert.equal(x.status, "pass", x.detail);
    });
  }
});
