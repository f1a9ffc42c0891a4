import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Cache } from "../../src/cache/cache.js";

const dirs: string[] = [];
function fresh(): Cache {
  const d = mkdtempSync(join(tmpdir(), "crossgo-cache-test-"));
  dirs.push(d);
  return new Cache(d);
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const id = (s: string) => createHash("sha256").update(s).digest("hex");

describe("Cache", () => {
  test("put then get returns the bytes, their hash and the metadata", () => {
    const c = fresh();
    const data = Buffer.from("archive bytes");
    const e = c.put(id("a"), data, { buildid: "x/y" });
    assert.equal(e.outputID, createHash("sha256").update(data).digest("hex"));
    const g = c.get(id("a"));
    assert.ok(g);
    assert.equal(g.outputID, e.outputID);
    assert.deepEqual(g.meta, { buildid: "x/y" });
    assert.deepEqual(readFileSync(g.path), data);
    assert.ok(c.verify(g));
  });

  test("putFile moves the file in; an output already present leaves the cache's copy", () => {
    const c = fresh();
    const data = Buffer.from("compiled archive");
    const f = join(c.dir, "..", `${String(process.pid)}-pkg.a`);
    writeFileSync(f, data);
    const e = c.putFile(id("f"), f, data, { buildid: "p/q" });
    assert.throws(() => readFileSync(f), { code: "ENOENT" });
    const g = c.get(id("f"));
    assert.ok(g);
    assert.deepEqual(readFileSync(g.path), data);
    assert.ok(c.verify(g));
    writeFileSync(f, data);
    const e2 = c.putFile(id("f2"), f, data);
    assert.equal(e2.path, e.path);
    assert.throws(() => readFileSync(f), { code: "ENOENT" });
    assert.ok(c.get(id("f2")));
  });

  test("an unknown or malformed action ID is a miss", () => {
    const c = fresh();
    assert.equal(c.get(id("nope")), undefined);
    assert.equal(c.get("../../etc/passwd"), undefined);
  });

  test("identical outputs of different actions share one content file", () => {
    const c = fresh();
    c.put(id("a"), Buffer.from("same"));
    c.put(id("b"), Buffer.from("same"));
    const s = c.stats();
    assert.equal(s.entries, 2);
    assert.equal(s.outputs, 1);
  });

  // Regression table: every way an entry can be damaged reads as a miss, never a throw.
  const damages: [string, (c: Cache, aid: string) => void][] = [
    [
      "truncated output",
      (c, aid) => {
        truncateSync(c.get(aid)?.path ?? "", 3);
      },
    ],
    [
      "missing output",
      (c, aid) => {
        rmSync(c.get(aid)?.path ?? "");
      },
    ],
    [
      "empty index",
      (c, aid) => {
        writeFileSync(join(c.dir, aid.slice(0, 2), `${aid}-a`), "");
      },
    ],
    [
      "garbage index",
      (c, aid) => {
        writeFileSync(join(c.dir, aid.slice(0, 2), `${aid}-a`), "crossgo-cache-v1 zz\n{");
      },
    ],
    [
      "index naming another action",
      (c, aid) => {
        writeFileSync(
          join(c.dir, aid.slice(0, 2), `${aid}-a`),
          `crossgo-cache-v1 ${id("other")} ${id("o")} 4\n{}`,
        );
      },
    ],
    [
      "index with bad JSON",
      (c, aid) => {
        writeFileSync(
          join(c.dir, aid.slice(0, 2), `${aid}-a`),
          `crossgo-cache-v1 ${aid} ${id("o")} 4\n[1]`,
        );
      },
    ],
  ];
  for (const [name, damage] of damages) {
    test(`damaged entry (${name}) is a miss`, () => {
      const c = fresh();
      const aid = id(name);
      c.put(aid, Buffer.from("some output bytes"));
      damage(c, aid);
      assert.equal(c.get(aid), undefined);
      // and a new put repairs it
      c.put(aid, Buffer.from("some output bytes"));
      assert.ok(c.get(aid));
    });
  }

  test("same-size corruption passes get but fails verify", () => {
    const c = fresh();
    const e = c.put(id("v"), Buffer.from("abcdef"));
    writeFileSync(e.path, "abcdeX");
    const g = c.get(id("v"));
    assert.ok(g);
    assert.equal(c.verify(g), false);
  });

  test("trim removes old entries and stale temporary files, keeps fresh ones", () => {
    const c = fresh();
    const old = c.put(id("old"), Buffer.from("old"));
    c.put(id("new"), Buffer.from("new"));
    const past = new Date(Date.now() - 10 * 86400_000);
    utimesSync(join(c.dir, id("old").slice(0, 2), `${id("old")}-a`), past, past);
    utimesSync(old.path, past, past);
    mkdirSync(join(c.dir, "ab"), { recursive: true });
    const tmp = join(c.dir, "ab", "x.tmp-1-2");
    writeFileSync(tmp, "partial");
    utimesSync(tmp, past, past);
    const removed = c.trim(5 * 86400_000);
    assert.equal(removed, 3);
    assert.equal(c.get(id("old")), undefined);
    assert.ok(c.get(id("new")));
  });

  test("clean empties the directory", () => {
    const c = fresh();
    c.put(id("a"), Buffer.from("a"));
    c.clean();
    assert.deepEqual(readdirSync(c.dir), []);
  });
});
