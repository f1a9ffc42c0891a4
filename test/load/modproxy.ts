// A module proxy on disk for the module tests: test/load/testdata/proxy/<path>@<version>/
// holds each module's files; buildProxy writes the GOPROXY=file:// layout (list, .info,
// .mod, .zip) that the real go command downloads from, so it can resolve modules offline.

import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { crc32 } from "node:zlib";
import { compareSemver, escapeModulePath } from "../../src/load/modfile.js";

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

/** storedZip builds a zip archive (no compression) of name -> contents, in the given order. */
export function storedZip(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, "utf8");
    const crc = crc32(data) >>> 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6); // UTF-8 names
    lh.writeUInt16LE(0, 8); // stored
    lh.writeUInt16LE(0, 10);
    lh.writeUInt16LE(0x21, 12); // 1980-01-01
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(n.length, 26);
    lh.writeUInt16LE(0, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(0, 10);
    ch.writeUInt16LE(0, 12);
    ch.writeUInt16LE(0x21, 14);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, data);
    central.push(ch, n);
    offset += lh.length + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * buildProxy converts src (directories named "<path with ! escapes>@<version>", with "_"
 * standing for "/" in the path) into a file:// proxy at dst. Times are fixed per version.
 */
export function buildProxy(src: string, dst: string): void {
  const versions = new Map<string, string[]>();
  for (const d of readdirSync(src).sort()) {
    const at = d.lastIndexOf("@");
    const path = d.slice(0, at).replaceAll("_", "/");
    const version = d.slice(at + 1);
    const dir = join(src, d);
    const vdir = join(dst, escapeModulePath(path), "@v");
    mkdirSync(vdir, { recursive: true });
    const ev = escapeModulePath(version);
    const gomod = readFileSync(join(dir, "go.mod"));
    writeFileSync(join(vdir, `${ev}.mod`), gomod);
    const minor = Number(/^v\d+\.(\d+)/.exec(version)?.[1] ?? 0);
    const time = `2024-01-${String(minor + 1).padStart(2, "0")}T00:00:00Z`;
    writeFileSync(
      join(vdir, `${ev}.info`),
      JSON.stringify({ Version: version, Time: time }) + "\n",
    );
    const entries: [string, Buffer][] = files(dir).map((f) => [
      `${path}@${version}/${relative(dir, f)}`,
      readFileSync(f),
    ]);
    writeFileSync(join(vdir, `${ev}.zip`), storedZip(entries));
    versions.set(path, [...(versions.get(path) ?? []), version]);
  }
  for (const [path, vs] of versions) {
    writeFileSync(
      join(dst, escapeModulePath(path), "@v", "list"),
      vs.sort(compareSemver).join("\n") + "\n",
    );
  }
}

// go reads a directory through its module index only when every file is older than 2 s
// (modindex.dirHash), and the index treats a malformed //go:build line differently from
// go/build. ageTree gives every file an old timestamp so that both tools see settled files.
export function ageTree(dir: string): void {
  const old = new Date("2024-01-01T00:00:00Z");
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) ageTree(p);
    utimesSync(p, old, old);
  }
}
