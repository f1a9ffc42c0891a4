// Fault injection on the build cache (issue 14 "Done when"): each kind of cache file (outputs,
// index entries, filehash.json, toolversions.json, the list cache) is damaged one at a time
// the way a stray edit would (one character, same size, same time stamps), and the next
// build must give go build's bytes, report the damaged file once, and leave a cache whose
// following build runs no tool and reports nothing.
import assert from "node:assert/strict";
import {
  cpSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { crossgo } from "../support/cli.js";
import { requireGo } from "../support/toolchains.js";
import { goBuild, goEnv, sha256File, testCache, testdata } from "./oracle.js";

interface Event {
  event: string;
  kind?: string;
  package?: string;
  cached?: boolean;
  actionID?: string;
  outputID?: string;
  sha256?: string;
  file?: string;
  reason?: string;
}

const gr = requireGo(27);
const work = join(testCache, "cache-damage");
const dir = join(work, "module");
const cache = join(work, "cache");
const out = join(work, "dist");
const exe = join(out, "damage_linux_amd64", "damage");

// build runs `crossgo build` (plain: the build IDs are in the executable) into a new -o.
async function build(
  json = true,
): Promise<{ code: number | null; events: Event[]; stderr: string }> {
  rmSync(out, { recursive: true, force: true });
  const args = [
    "build",
    "--goroot",
    gr,
    "-C",
    dir,
    "-t",
    "linux/amd64",
    "--cache",
    cache,
    "-o",
    out,
  ];
  const r = await crossgo(json ? [...args, "--json", "."] : [...args, "."], { env: goEnv(gr) });
  const events = r.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Event);
  return { code: r.code, events, stderr: r.stderr };
}

const entry = (id: string, suffix: "a" | "d") => join(cache, id.slice(0, 2), `${id}-${suffix}`);
const damages = (events: Event[]) => events.filter((e) => e.event === "cache-damaged");
const done = (events: Event[], kind: string, pkg: string) => {
  const all = events.filter((e) => e.event === "done" && e.kind === kind && e.package === pkg);
  const last = all.at(-1);
  assert.ok(last, `no done event for ${kind} ${pkg}`);
  return last;
};

// editInPlace changes one byte of file, keeping its size, mtime and inode (as a stray edit or
// a bit flip would): the byte after the first match of at, or the middle byte.
function editInPlace(file: string, at?: RegExp): void {
  const st = statSync(file);
  const data = readFileSync(file);
  let i = Math.floor(data.length / 2);
  if (at) {
    const m = at.exec(data.toString("latin1"));
    assert.ok(m, `${String(at)} not found in ${file}`);
    i = m.index + m[0].length;
  }
  data[i] = data[i] === 0x30 ? 0x31 : 0x30; // '0' <-> '1': still a hex digit in a hash
  writeFileSync(file, data);
  utimesSync(file, st.atime, st.mtime);
  const now = statSync(file);
  assert.equal(now.size, st.size);
  assert.equal(now.ino, st.ino);
}

describe("a damaged cache is a miss, never different bytes (issue 14 item 2)", () => {
  let want = "";
  let ids: Record<string, Event> = {};
  before(async () => {
    rmSync(work, { recursive: true, force: true });
    // Old time stamps (as in a checkout): recent files are not remembered, being racy.
    cpSync(join(testdata, "damage"), dir, { recursive: true, preserveTimestamps: true });
    want = sha256File(await goBuild(gr, dir, "linux/amd64", ".", { reproducible: false }));
    const cold = await build();
    assert.equal(cold.code, 0, cold.stderr);
    assert.deepEqual(damages(cold.events), []);
    assert.equal(sha256File(exe), want, "the undamaged build differs from go build");
    ids = {
      lib: done(cold.events, "compile", "example.com/damage/lib"),
      main: done(cold.events, "compile", "example.com/damage"),
      link: done(cold.events, "link", "example.com/damage"),
    };
  });

  // Each case damages one file and returns it; after the build its damage must be reported.
  const cases: [string, () => string, (events: Event[]) => void][] = [
    [
      "one character of a compile's build ID in its index entry",
      () => {
        const f = entry(ids.lib?.actionID ?? "", "a");
        editInPlace(f, /"buildid":"/);
        return f;
      },
      (events) => {
        assert.equal(done(events, "compile", "example.com/damage/lib").cached, false);
      },
    ],
    [
      "one hex digit of the output ID in a link's index entry",
      () => {
        const f = entry(ids.link?.actionID ?? "", "a");
        editInPlace(f, new RegExp(` ${ids.link?.outputID?.slice(0, 6) ?? "?"}`));
        return f;
      },
      (events) => {
        assert.equal(done(events, "link", "example.com/damage").cached, false);
      },
    ],
    [
      "a flipped byte in the cached executable",
      () => {
        const f = entry(ids.link?.outputID ?? "", "d");
        editInPlace(f);
        return f;
      },
      (events) => {
        assert.equal(done(events, "link", "example.com/damage").cached, false);
      },
    ],
    [
      // The archive is read only when a dependent runs: its entries are removed (plain misses).
      "a flipped byte in a compiled archive a rerun compile reads (item 16: not reported cached)",
      () => {
        rmSync(entry(ids.main?.actionID ?? "", "a"));
        rmSync(entry(ids.link?.actionID ?? "", "a"));
        const f = entry(ids.lib?.outputID ?? "", "d");
        editInPlace(f);
        return f;
      },
      (events) => {
        const lib = done(events, "compile", "example.com/damage/lib");
        assert.equal(lib.cached, false, "the recompiled archive is reported cached");
        const summary = events.find((e) => e.event === "summary") as unknown as {
          ran: number;
          cached: number;
        };
        assert.equal(summary.ran, 3, "lib, main and link ran");
      },
    ],
    [
      "one hex digit of a source file's hash in filehash.json (its stamp unchanged)",
      () => {
        const f = join(cache, "filehash.json");
        editInPlace(f, /lib\/lib\.go":\["[^"]*","/);
        return f;
      },
      () => undefined,
    ],
    [
      "one character of the compiler's version line in toolversions.json",
      () => {
        const f = join(cache, "toolversions.json");
        editInPlace(f, /compile version go1\./);
        return f;
      },
      () => undefined,
    ],
    [
      "one character of a package in the list cache",
      () => {
        const sub = readdirSync(join(cache, "list"));
        const files = sub.flatMap((s) =>
          readdirSync(join(cache, "list", s)).map((n) => join(cache, "list", s, n)),
        );
        assert.equal(files.length, 1, `list cache files: ${files.join(" ")}`);
        const f = files[0] ?? "";
        editInPlace(f, /"ImportPath":"example\.com\/damage\/li/);
        return f;
      },
      () => undefined,
    ],
  ];
  for (const [name, damage, check] of cases) {
    test(name, { timeout: 300_000 }, async () => {
      const file = damage();
      const r = await build();
      assert.equal(r.code, 0, r.stderr);
      assert.equal(sha256File(exe), want, "the executable differs from go build's");
      const seen = damages(r.events);
      assert.equal(seen.length, 1, JSON.stringify(seen));
      assert.equal(seen[0]?.file, file);
      check(r.events);
      // Repaired: the next build runs no tool and reports nothing.
      const again = await build();
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(damages(again.events), []);
      assert.deepEqual(
        again.events.filter((e) => e.event === "tool"),
        [],
      );
      assert.equal(sha256File(exe), want);
    });
  }

  test(
    "without --json the damage is one line on stderr naming the file",
    { timeout: 300_000 },
    async () => {
      const file = entry(ids.lib?.actionID ?? "", "a");
      editInPlace(file, /"buildid":"/);
      const r = await build(false);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(sha256File(exe), want);
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      assert.deepEqual(lines, [
        `crossgo: warning: damaged cache file ${file} (checksum mismatch): removed, treated as a miss`,
      ]);
    },
  );
});
