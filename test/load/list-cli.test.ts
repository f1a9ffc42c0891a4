import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { crossgo } from "../support/cli.js";
import { requireGo } from "../support/toolchains.js";
import { diffLists, goList, parseJSONStream } from "./golist.js";

// `crossgo list` as a user runs it (the built CLI), against `go list`.
const goroot = requireGo(27);
const outside = mkdtempSync(join(tmpdir(), "crossgo-list-cli-"));
const tagsDir = join(import.meta.dirname, "testdata", "tags");

describe("crossgo list", () => {
  it("several targets in one run: each object names its target and matches go list", async () => {
    const r = await crossgo(
      [
        "list",
        "-e",
        "-json",
        "-deps",
        "--goroot",
        goroot,
        "--target",
        "linux/arm64,windows/amd64",
        "net",
      ],
      { cwd: outside },
    );
    assert.equal(r.code, 0, r.stderr);
    const all = parseJSONStream(r.stdout);
    for (const port of ["linux/arm64", "windows/amd64"]) {
      const [goos, goarch] = port.split("/") as [string, string];
      const mine = all.filter((o) => o.GOOS === goos && o.GOARCH === goarch);
      assert.ok(mine.length > 20, `${port}: ${mine.length} packages`);
      const want = await goList(goroot, goos, goarch, ["net"], outside);
      assert.deepEqual(diffLists(mine, want), []);
    }
  });

  it("--jobs 2 (worker threads) prints exactly what --jobs 1 prints", async () => {
    const targets =
      "linux/amd64,linux/386,windows/arm64,darwin/arm64,js/wasm,plan9/arm,aix/ppc64,openbsd/riscv64";
    const run = (jobs: string) =>
      crossgo(
        [
          "list",
          "-e",
          "-json",
          "-deps",
          "--jobs",
          jobs,
          "--goroot",
          goroot,
          "--target",
          targets,
          "std",
        ],
        { cwd: outside },
      );
    const [one, two] = [await run("1"), await run("2")];
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
    assert.ok(one.stdout.length > 1e6);
    assert.ok(one.stdout === two.stdout, "outputs differ");
  });

  it("-tags selects files like go list -tags", async () => {
    for (const tags of ["mytag", "mytag,othertag", ""]) {
      const r = await crossgo(
        [
          "list",
          "-json",
          "--goroot",
          goroot,
          "--target",
          "linux/amd64",
          ...(tags ? ["-tags", tags] : []),
          ".",
        ],
        { cwd: tagsDir },
      );
      assert.equal(r.code, 0, r.stderr);
      const want = await goList(
        goroot,
        "linux",
        "amd64",
        tags ? ["-tags", tags, "."] : ["."],
        tagsDir,
        {},
        false,
      );
      assert.deepEqual(diffLists(parseJSONStream(r.stdout), want), [], `-tags ${tags}`);
    }
  });

  it("without -e a package error fails like go list, with go's message", async () => {
    const r = await crossgo(
      ["list", "--goroot", goroot, "--target", "linux/amd64", "example.com/nowhere/pkg"],
      { cwd: tagsDir },
    );
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /no required module provides package example\.com\/nowhere\/pkg; to add it:\n\tgo get example\.com\/nowhere\/pkg/,
    );
  });

  it("an unknown flag is a usage error", async () => {
    const r = await crossgo(["list", "-frobnicate", "std"], { cwd: outside });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown flag -frobnicate/);
  });
});
