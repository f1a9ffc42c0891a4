// Script tests of `crossgo cache clean|trim` (the built CLI): what they refuse to touch.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Cache } from "../../src/cache/cache.js";
import { MARKER } from "../../src/cache/marker.js";
import { parseAge } from "../../src/cli/commands/cache.js";
import { UsageError } from "../../src/cli/errors.js";
import { crossgo } from "../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "crossgo-cache-cli-"));
after(() => {
  rmSync(root, { recursive: true, force: true });
});
let n = 0;
const fresh = () => join(root, String(n++));
const id = (s: string) => createHash("sha256").update(s).digest("hex");

// list names every file under dir, relative, sorted.
function list(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

// oneLine asserts a usage error: exit 2 and exactly one line on stderr matching re.
function oneLine(r: { code: number | null; stderr: string }, re: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, re);
}

describe("crossgo cache clean/trim", () => {
  test("clean and trim refuse a directory crossgo did not create (issue 14 item 3: CROSSGO_CACHE=$HOME)", async () => {
    const home = fresh();
    mkdirSync(join(home, "ab"), { recursive: true });
    mkdirSync(join(home, "list"));
    writeFileSync(join(home, "ab", "photo.jpg"), "mine");
    writeFileSync(join(home, "filehash.json"), "{}");
    writeFileSync(join(home, ".bashrc"), "mine");
    const before = list(home);
    for (const args of [["clean"], ["trim", "--older-than", "0"]]) {
      oneLine(
        await crossgo(["cache", ...args, "--cache", home]),
        /is not a crossgo cache .*refusing to delete anything; check --cache and \$CROSSGO_CACHE/,
      );
      oneLine(
        await crossgo(["cache", ...args], { env: { CROSSGO_CACHE: home } }),
        /is not a crossgo cache/,
      );
    }
    assert.deepEqual(list(home), before);
  });

  test("a cache from before the marker is refused by clean until a build marks it", async () => {
    const old = fresh();
    mkdirSync(join(old, "ab"), { recursive: true });
    writeFileSync(join(old, "ab", `${id("x")}-a`), "crossgo-cache-v1 ...");
    const r = await crossgo(["cache", "clean", "--cache", old]);
    oneLine(r, /has no CACHEDIR\.TAG written by crossgo .*a build with --cache .* marks it/);
    assert.ok(existsSync(join(old, "ab", `${id("x")}-a`)));
    assert.equal(new Cache(old).state, "marked"); // what a build does first
    const ok = await crossgo(["cache", "clean", "--cache", old]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(list(old), [MARKER]);
  });

  test("clean removes only what crossgo writes in its own cache", async () => {
    const dir = fresh();
    const c = new Cache(dir);
    c.put(id("a"), Buffer.from("output"), { buildid: "x" });
    mkdirSync(join(dir, "list", "cd"), { recursive: true });
    writeFileSync(join(dir, "list", "cd", `${id("l")}.json`), "");
    writeFileSync(join(dir, "toolversions.json"), "");
    writeFileSync(join(dir, "README.mine"), "kept");
    const r = await crossgo(["cache", "clean", "--cache", dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(list(dir), [MARKER, "README.mine"]);
  });

  test("clean of a cache that does not exist creates nothing", async () => {
    const dir = fresh();
    const r = await crossgo(["cache", "clean", "--cache", dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /nothing to clean/);
    assert.equal(existsSync(dir), false);
  });

  test("trim --older-than '' is a usage error, not 0 (issue 14 item 14)", async () => {
    const dir = fresh();
    const c = new Cache(dir);
    const e = c.put(id("kept"), Buffer.from("output"));
    const past = new Date(Date.now() - 60_000); // older than --older-than 0, younger than 90m
    for (const f of [e.path, join(dir, e.actionID.slice(0, 2), `${e.actionID}-a`)])
      utimesSync(f, past, past);
    const before = list(dir);
    for (const bad of ["", " "]) {
      oneLine(
        await crossgo(["cache", "trim", "--cache", dir, "--older-than", bad]),
        /--older-than .*: want an age such as 5 \(days\), 36h, 90m or 0/,
      );
    }
    assert.deepEqual(list(dir), before, "a refused trim removed files");
    const some = await crossgo(["cache", "trim", "--cache", dir, "--older-than", "90m"]);
    assert.equal(some.stdout, "removed 0 files\n", some.stderr);
    const all = await crossgo(["cache", "trim", "--cache", dir, "--older-than", "0"]);
    assert.equal(all.stdout, "removed 2 files\n");
  });

  test("parseAge: days or a unit, anything else a usage error", () => {
    const good: [string, number][] = [
      ["5", 5 * 86400_000],
      ["0.5", 43200_000],
      ["36h", 36 * 3600_000],
      ["90m", 90 * 60_000],
      ["30s", 30_000],
      ["0", 0],
    ];
    for (const [text, want] of good) assert.equal(parseAge(text), want, text);
    for (const bad of ["", " ", "x", "-1", "5x", "1e3", "Infinity", "NaN", "0x10", " 5", "5 ", "h"])
      assert.throws(() => parseAge(bad), UsageError, JSON.stringify(bad));
  });

  test("trim --help says what happens to temporary files (issue 14 item 8)", async () => {
    const r = await crossgo(["cache", "trim", "--help"]);
    assert.match(r.stdout, /Temporary files \(\*\.tmp-\*\) older than 1 hour are removed/);
  });
});
