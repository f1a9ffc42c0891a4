import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Cache } from "../../src/cache/cache.js";
import { cacheDirState, MARKER, type CacheDirState } from "../../src/cache/marker.js";
import { seal, TEMP_MARK, unseal, type Damage, type Unsealed } from "../../src/cache/seal.js";
import { FileHasher } from "../../src/work/actionid.js";

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

  test("put over output bytes damaged in place (same size) rewrites them and reports the damage", () => {
    const d = mkdtempSync(join(tmpdir(), "crossgo-cache-test-"));
    dirs.push(d);
    const seen: Damage[] = [];
    const c = new Cache(d, { onDamage: (x) => seen.push(x) });
    const data = Buffer.from("linked executable");
    const e = c.put(id("link1"), data);
    writeFileSync(e.path, "linked executablX");
    const e2 = c.put(id("link2"), data);
    assert.equal(e2.path, e.path);
    assert.deepEqual(readFileSync(e2.path), data, "the damaged bytes are not reused");
    assert.deepEqual(
      seen.map((x) => x.file),
      [e.path],
    );
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

  test("clean removes entries and metadata, keeps the marker and files crossgo did not write", () => {
    const c = fresh();
    c.put(id("a"), Buffer.from("a"));
    writeFileSync(join(c.dir, "filehash.json"), "x");
    mkdirSync(join(c.dir, "list", "ab"), { recursive: true });
    writeFileSync(join(c.dir, "notes.txt"), "mine");
    c.clean();
    assert.deepEqual(readdirSync(c.dir).sort(), [MARKER, "notes.txt"]);
  });
});

describe("Cache integrity (issue 14 item 2: damaged metadata is a miss, reported once)", () => {
  function damaged(): { c: Cache; seen: Damage[] } {
    const seen: Damage[] = [];
    const d = mkdtempSync(join(tmpdir(), "crossgo-cache-test-"));
    dirs.push(d);
    return { c: new Cache(d, { onDamage: (x) => seen.push(x) }), seen };
  }
  // editInPlace changes one byte of file at the first match of re, keeping size and times.
  function editInPlace(file: string, re: RegExp): void {
    const st = statSync(file);
    const text = readFileSync(file, "latin1");
    const m = re.exec(text);
    assert.ok(m, `${String(re)} not in ${file}`);
    const i = m.index + m[0].length;
    const ch = text[i] === "A" ? "B" : "A";
    writeFileSync(file, text.slice(0, i) + ch + text.slice(i + 1), "latin1");
    utimesSync(file, st.atime, st.mtime);
    assert.equal(statSync(file).size, st.size);
  }

  test("one character of the build ID in an index entry, same size and mtime", () => {
    const { c, seen } = damaged();
    const aid = id("buildid");
    c.put(aid, Buffer.from("archive"), { buildid: "abc/def" });
    const file = join(c.dir, aid.slice(0, 2), `${aid}-a`);
    editInPlace(file, /"buildid":"/);
    assert.equal(c.get(aid), undefined);
    assert.equal(c.get(aid), undefined);
    assert.deepEqual(seen, [{ file, reason: "checksum mismatch" }]);
    assert.equal(existsSync(file), false, "the damaged entry is removed");
  });

  test("a sealed index naming another action is damage; a v1 entry is a silent miss", () => {
    const { c, seen } = damaged();
    const aid = id("x");
    const file = join(c.dir, aid.slice(0, 2), `${aid}-a`);
    c.put(id("other"), Buffer.from("data"));
    mkdirSync(join(c.dir, aid.slice(0, 2)), { recursive: true });
    writeFileSync(file, `crossgo-cache-v1 ${aid} ${id("o")} 4\n{}`);
    assert.equal(c.get(aid), undefined);
    assert.deepEqual(seen, []);
    const other = readFileSync(join(c.dir, id("other").slice(0, 2), `${id("other")}-a`), "utf8");
    writeFileSync(file, other);
    assert.equal(c.get(aid), undefined);
    assert.deepEqual(seen, [{ file, reason: "it names another action" }]);
  });

  test("an output of the wrong size is reported and removed with its index entry", () => {
    const { c, seen } = damaged();
    const e = c.put(id("s"), Buffer.from("sixteen bytes..."));
    truncateSync(e.path, 3);
    assert.equal(c.get(id("s")), undefined);
    assert.deepEqual(seen, [{ file: e.path, reason: "3 bytes, its index entry says 16" }]);
    assert.equal(existsSync(e.path), false);
  });

  test("intact: same-size corruption of an output is reported and the entry removed", () => {
    const { c, seen } = damaged();
    const e = c.put(id("v"), Buffer.from("abcdef"));
    writeFileSync(e.path, "abcdeX");
    assert.equal(c.intact(e), false);
    assert.deepEqual(seen, [{ file: e.path, reason: "contents do not match their hash" }]);
    assert.equal(c.get(id("v")), undefined);
  });

  test("seal/unseal: any edit of the body or header is damage; legacy prefixes are stale", () => {
    const text = seal("crossgo-test-v2", '{"a":"b"}');
    assert.deepEqual(unseal("crossgo-test-v2", text), { body: '{"a":"b"}' });
    const cases: [string, string, Unsealed][] = [
      ["body edited", text.replace('"b"', '"c"'), { damaged: "checksum mismatch" }],
      ["checksum edited", text.replace(/ [0-9a-f]/, " z"), { damaged: "checksum mismatch" }],
      ["format edited", text.replace("test", "tesT"), { damaged: "not a crossgo-test-v2 file" }],
      ["truncated to the header", text.slice(0, 20), { damaged: "truncated: no header line" }],
      ["empty", "", { damaged: "truncated: no header line" }],
      ["legacy JSON", '{"a":"b"}', { stale: true }],
    ];
    for (const [name, have, want] of cases)
      assert.deepEqual(unseal("crossgo-test-v2", have, ["{"]), want, name);
  });

  test("filehash.json: an edited hash is damage (stamp unchanged); plain JSON of v1 is stale", () => {
    const d = mkdtempSync(join(tmpdir(), "crossgo-cache-test-"));
    dirs.push(d);
    const src = join(d, "a.go");
    writeFileSync(src, "package a\n");
    const past = new Date(Date.now() - 60_000); // not racy: remembered
    utimesSync(src, past, past);
    const h = new FileHasher();
    const want = h.hash(src);
    const file = join(d, "filehash.json");
    h.save(file);
    editInPlace(file, new RegExp(`"${want.slice(0, 8)}`));
    const h2 = new FileHasher();
    assert.deepEqual(h2.load(file), { file, reason: "checksum mismatch" });
    assert.equal(h2.hash(src), want);
    writeFileSync(file, JSON.stringify({ [src]: ["1 2 3", id("wrong")] }));
    assert.equal(new FileHasher().load(file), undefined);
  });
});

describe("writeAtomic (issue 14 item 8: a failed write leaves no temporary file)", () => {
  test("a rename that fails removes the temporary file and throws", () => {
    const c = fresh();
    const aid = id("blocked");
    mkdirSync(join(c.dir, aid.slice(0, 2), `${aid}-a`, "x"), { recursive: true });
    assert.throws(() => c.put(aid, Buffer.from("data")));
    assert.deepEqual(
      readdirSync(join(c.dir, aid.slice(0, 2))).filter((n) => n.includes(TEMP_MARK)),
      [],
    );
  });
});

describe("cache marker (issue 14 item 3)", () => {
  const table: [string, (d: string) => void, CacheDirState][] = [
    ["absent", () => undefined, "absent"],
    [
      "empty",
      (d) => {
        mkdirSync(d);
      },
      "empty",
    ],
    [
      "a cache from before the marker",
      (d) => {
        mkdirSync(join(d, "ab"), { recursive: true });
        writeFileSync(join(d, "ab", `${id("e")}-a`), "");
        writeFileSync(join(d, "ab", `${id("e")}-d${TEMP_MARK}1-2`), "");
        mkdirSync(join(d, "list", "cd"), { recursive: true });
        writeFileSync(join(d, "list", "cd", `${id("l")}.json`), "");
        writeFileSync(join(d, "filehash.json"), "");
      },
      "unmarked-cache",
    ],
    [
      "a home directory",
      (d) => {
        mkdirSync(join(d, "ab"), { recursive: true });
        writeFileSync(join(d, ".bashrc"), "");
      },
      "foreign",
    ],
    [
      "an entry directory with a file of the user's",
      (d) => {
        mkdirSync(join(d, "ab"), { recursive: true });
        writeFileSync(join(d, "ab", "notes"), "");
      },
      "foreign",
    ],
    [
      "marked",
      (d) => {
        assert.equal(new Cache(d).state, "marked");
      },
      "marked",
    ],
  ];
  for (const [name, make, want] of table) {
    test(`${name}: ${want}`, () => {
      const d = join(mkdtempSync(join(tmpdir(), "crossgo-cache-test-")), "c");
      dirs.push(join(d, ".."));
      make(d);
      assert.equal(cacheDirState(d), want);
      // Opening it for a build marks it exactly when crossgo may call it its own.
      const opened = new Cache(d).state;
      assert.equal(opened, want === "foreign" ? "foreign" : "marked");
      assert.equal(existsSync(join(d, MARKER)), want !== "foreign");
    });
  }
});
