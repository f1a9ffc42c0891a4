// Table tests of the driver's small pure pieces (the byte-identity tests cover them end to end).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { goQuote, goQuoteBytes } from "../../src/goinfo/quote.js";
import { findAndHash, hashToString, rewriteBuildID } from "../../src/work/buildid.js";
import { embedMap, globToRegExp } from "../../src/load/embed.js";
import { defaultGODEBUG, parseGoDebugDirective } from "../../src/load/godebug.js";
import { parseModFile } from "../../src/load/modfile.js";
import { appendToArchive } from "../../src/work/pack.js";
import { toolGCEnv } from "../../src/work/perform.js";
import { compareGo, goLang } from "../../src/platform/version.js";
import { splitQuoted } from "../../src/work/toolargs.js";

describe("globToRegExp (path.Match on one element)", () => {
  const cases: [string, string, boolean][] = [
    ["*.txt", "a.txt", true],
    ["*.txt", ".txt", true],
    ["*.txt", "a.go", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["[a-c]x", "bx", true],
    ["[^a-c]x", "bx", false],
    ["[^a-c]x", "dx", true],
    ["\\*", "*", true],
    ["static", "static", true],
    ["*", "", true],
    ["key-bindings.bash", "key-bindings.bash", true],
    ["[a\\-c]", "-", true],
    ["[a\\-c]", "b", false],
    ["[c-a]", "b", false],
    ["[^c-a]", "b", true],
    ["𝐀?", "𝐀𝐁", true],
    ["[𝐀-𝐂]", "𝐁", true],
  ];
  for (const [pat, name, want] of cases) {
    test(`${pat} ~ ${name}`, () => {
      assert.equal(
        globToRegExp(pat)?.test(name),
        want,
        `globToRegExp(${pat}) ~ ${name}: have ${String(!want)}, want ${String(want)}`,
      );
    });
  }
});

test("embedMap: directories exclude . and _ names unless all:", () => {
  const files = [
    "static/.dot",
    "static/index.html",
    "static/sub/_hidden.txt",
    "static/sub/a.txt",
    "version.txt",
  ];
  assert.deepEqual(embedMap(["static", "all:static/sub", "*.txt", "version.txt"], files), {
    static: ["static/index.html", "static/sub/a.txt"],
    "all:static/sub": ["static/sub/_hidden.txt", "static/sub/a.txt"],
    "*.txt": ["version.txt"],
    "version.txt": ["version.txt"],
  });
});

describe("Go quoting", () => {
  test("goQuote escapes like strconv.Quote for ASCII", () => {
    assert.equal(goQuote('a "b"\t\n\\'), '"a \\"b\\"\\t\\n\\\\"');
    assert.equal(goQuote("\x01"), '"\\x01"');
  });
  test("goQuoteBytes keeps arbitrary bytes recoverable", () => {
    assert.equal(goQuoteBytes(Uint8Array.from([0x30, 0x77, 0xaf, 0x0c, 0x0a])), '"0w\\xaf\\f\\n"');
    // valid UTF-8 stays as %q leaves it; a truncated sequence is bytes
    assert.equal(goQuoteBytes(Buffer.from("é\u200b")), '"é\\u200b"');
    assert.equal(goQuoteBytes(Uint8Array.from([0xc3])), '"\\xc3"');
  });
});

test("splitQuoted is cmd/internal/quoted.Split", () => {
  assert.deepEqual(splitQuoted(`-s -w  -X 'main.v=a b' "-extldflags=-static"`), [
    "-s",
    "-w",
    "-X",
    "main.v=a b",
    "-extldflags=-static",
  ]);
  assert.throws(() => splitQuoted(`-X 'unterminated`));
});

test("goLang is gover.Lang", () => {
  for (const [v, want] of [
    ["1.21.3", "1.21"],
    ["1.21rc1", "1.21"],
    ["1.27", "1.27"],
    ["1", "1"],
    ["1.0", "1"],
  ] as const)
    assert.equal(goLang(v), want, v);
});

test("compareGo is gover.Compare", () => {
  // gover's documented order: a language version, its prereleases, then its releases.
  const order = [
    "1.9",
    "1.10",
    "1.21",
    "1.21rc1",
    "1.21rc2",
    "1.21.0",
    "go1.21.1",
    "1.22",
    "1.22beta1",
    "1.22.0",
  ];
  for (let i = 0; i < order.length; i++)
    for (let j = 0; j < order.length; j++)
      assert.equal(
        compareGo(order[i]!, order[j]!),
        Math.sign(i - j) || 0,
        `${order[i]} vs ${order[j]}`,
      );
});

test("build IDs: findAndHash zeroes every occurrence, rewrite keeps the length", () => {
  const id = "aaaaaaaaaaaaaaaaaaaa/bbbbbbbbbbbbbbbbbbbb";
  const data = Buffer.from(`xx${id}yy${id}zz`, "latin1");
  const { matches, hash } = findAndHash(data, id);
  assert.deepEqual(matches, [2, 2 + id.length + 2]);
  const zeroed = Buffer.from(data);
  for (const m of matches) zeroed.fill(0, m, m + id.length);
  assert.deepEqual(hash, createHash("sha256").update(zeroed).digest());
  const r = rewriteBuildID(data, id);
  assert.equal(r.id.length, id.length);
  assert.deepEqual(r.offsets, matches);
  assert.ok(r.id.startsWith("aaaaaaaaaaaaaaaaaaaa/"));
  assert.equal(data.toString("latin1"), `xx${r.id}yy${r.id}zz`);
  assert.equal(hashToString(Buffer.alloc(32)), "AAAAAAAAAAAAAAAAAAAA");
});

test("appendToArchive writes cmd/go's ar member headers", () => {
  const out = appendToArchive(Buffer.from("!<arch>\n"), [
    { name: "x.o", data: Buffer.from("abc") },
  ]);
  assert.equal(
    out.toString("latin1"),
    "!<arch>\nx.o             0           0     0     644     3         `\nabc\0",
  );
});

describe("default GODEBUG", () => {
  const table = [
    { name: "a", changed: 21, old: "1" },
    { name: "b", changed: 23, old: "0" },
    { name: "c", changed: 0, old: "" },
  ];
  test("settings changed after the module's go version get their old value", () => {
    assert.equal(defaultGODEBUG(table, "1.20", []), "a=1,b=0");
    assert.equal(defaultGODEBUG(table, "1.22.1", []), "b=0");
    assert.equal(defaultGODEBUG(table, "1.27", []), "");
  });
  test("go.mod and //go:debug override, default=go1.X rebases", () => {
    assert.equal(defaultGODEBUG(table, "1.27", [["c", "1"]]), "c=1");
    assert.equal(defaultGODEBUG(table, "1.27", [["default", "go1.20"]]), "a=1,b=0");
  });
  test("directive parsing", () => {
    assert.deepEqual(parseGoDebugDirective("//go:debug x=1"), ["x", "1"]);
    assert.equal(parseGoDebugDirective("//go:debugx=1"), undefined);
    assert.deepEqual(
      parseModFile("module m\ngodebug x=1\ngodebug (\n\ty=2 // why\n)\n", "go.mod").godebug,
      [
        ["x", "1"],
        ["y", "2"],
      ],
    );
  });
});

test("toolGCEnv: fewer collections unless the user chose, or memory is short", () => {
  const GiB = 2 ** 30;
  const set = { GOGC: "400", GOMEMLIMIT: "2GiB" };
  assert.deepEqual(toolGCEnv({}, 2, 24 * GiB), set);
  assert.deepEqual(toolGCEnv({ GOGC: "50" }, 2, 24 * GiB), {});
  assert.deepEqual(toolGCEnv({ GOMEMLIMIT: "300MiB" }, 2, 24 * GiB), {});
  assert.deepEqual(toolGCEnv({}, 8, 16 * GiB), {});
  assert.deepEqual(toolGCEnv({}, 4, 12 * GiB), set);
});
