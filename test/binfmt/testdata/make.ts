// Makes the committed fixtures of test/binfmt/testdata (run from the repository root):
//   node --import tsx test/binfmt/testdata/make.ts
// - clang objects: ELF (x86-64, ppc64 BE, mips64el, arm), COFF (amd64), Mach-O (arm64, x86-64,
//   and 32-bit i386 and armv7/iOS),
//   a universal Mach-O of the two (llvm-lipo), a Wasm object;
// - go-inline.elf: a minimal ELF64 executable carrying the Go build ID note and the
//   .go.buildinfo section of a real linux/amd64 build (Go 1.18+ inline strings);
// - go-pointer.elf: the same build info rewritten in the pre-1.18 pointer layout, in a
//   big-endian ELF32 (mips) file, which Go 1.27's go version -m still reads.
// The golden JSON sidecars are written by golden.test.ts with UPDATE_GOLDEN=1.
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bytesSource } from "../../../src/binfmt/source.js";
import { openBinary } from "../../../src/binfmt/open.js";
import { readBuildID } from "../../../src/goinfo/buildid.js";
import { buildBinary } from "../gobuild.js";
import { clangObject } from "../objects.js";

const here = fileURLToPath(new URL(".", import.meta.url));

for (const [triple, pic, name] of [
  ["x86_64-linux-gnu", "-fPIC", "amd64-pic.o"],
  ["powerpc64-linux-gnu", "-fno-pic", "ppc64-be.o"],
  ["mips64el-linux-gnuabi64", "-fPIC", "mips64le.o"],
  ["arm-linux-gnueabihf", "-fno-pic", "arm.o"],
  ["x86_64-pc-windows-msvc", "", "amd64.obj"],
  ["arm64-apple-macos11", "", "arm64-macho.o"],
  ["x86_64-apple-macos11", "", "amd64-macho.o"],
  ["i386-apple-macosx10.13", "", "386-macho32.o"],
  ["armv7-apple-ios9", "", "armv7-ios-macho32.o"],
  ["wasm32", "", "wasm32.o"],
] as const) {
  copyFileSync(await clangObject(triple, pic), join(here, name));
}
execFileSync("llvm-lipo-14", ["-create", join(here, "arm64-macho.o"), join(here, "amd64-macho.o"), "-output", join(here, "universal-macho.o")]);

// The build info and build ID of a real build.
const real = readFileSync(await buildBinary({ minor: 27, goos: "linux", goarch: "amd64", stripped: true }));
const bin = await openBinary(bytesSource(real));
const sect = bin.info.sections.find((s) => s.name === ".go.buildinfo");
if (!sect) throw new Error("no .go.buildinfo");
const buildinfo = real.subarray(sect.offset, sect.offset + sect.size);
const buildID = await readBuildID(bytesSource(real));

/** uvarint decodes a Go varint at off. */
function uvarint(b: Uint8Array, off: number): [number, number] {
  let v = 0;
  for (let i = 0, s = 1; ; i++, s *= 128) {
    const c = b[off + i] as number;
    v += (c & 0x7f) * s;
    if (c < 0x80) return [v, off + i + 1];
  }
}
const [vlen, v0] = uvarint(buildinfo, 32);
const vers = buildinfo.subarray(v0, v0 + vlen);
const [mlen, m0] = uvarint(buildinfo, v0 + vlen);
const mod = buildinfo.subarray(m0, m0 + mlen);

/** ElfSpec is a minimal executable: one PT_LOAD over the file, a PT_NOTE, and named sections. */
interface ElfSpec {
  c64: boolean;
  little: boolean;
  machine: number;
  sections: { name: string; type: number; data: Uint8Array; align: number }[];
}

function writeElf(spec: ElfSpec, fix: (addrOf: (name: string) => number, data: Map<string, Uint8Array>) => void): Uint8Array {
  const { c64, little } = spec;
  const ehsize = c64 ? 64 : 52;
  const phsize = c64 ? 56 : 32;
  const shsize = c64 ? 64 : 40;
  const base = 0x400000;
  const names = ["", ...spec.sections.map((s) => s.name), ".shstrtab"];
  let shstr = "\0";
  const nameOff = new Map<string, number>();
  for (const n of names.slice(1)) {
    nameOff.set(n, shstr.length);
    shstr += `${n}\0`;
  }
  let off = ehsize + 2 * phsize;
  const offs = new Map<string, number>();
  for (const s of spec.sections) {
    off = Math.ceil(off / s.align) * s.align;
    offs.set(s.name, off);
    off += s.data.length;
  }
  const shstrOff = off;
  off += shstr.length;
  const shoff = Math.ceil(off / 8) * 8;
  const total = shoff + names.length * shsize;
  const b = new Uint8Array(total);
  const dv = new DataView(b.buffer);
  const u16 = (o: number, v: number) => dv.setUint16(o, v, little);
  const u32 = (o: number, v: number) => dv.setUint32(o, v, little);
  const word = (o: number, v: number) => (c64 ? dv.setBigUint64(o, BigInt(v), little) : dv.setUint32(o, v, little));
  const data = new Map(spec.sections.map((s) => [s.name, s.data]));
  fix((n) => base + (offs.get(n) ?? 0), data);
  b.set([0x7f, 0x45, 0x4c, 0x46, c64 ? 2 : 1, little ? 1 : 2, 1]);
  u16(16, 2);
  u16(18, spec.machine);
  u32(20, 1);
  word(24, base + ehsize); // entry: anywhere in the load segment
  word(c64 ? 32 : 28, ehsize);
  word(c64 ? 40 : 32, shoff);
  const o = c64 ? 52 : 40;
  u16(o, ehsize);
  u16(o + 2, phsize);
  u16(o + 4, 2);
  u16(o + 6, shsize);
  u16(o + 8, names.length);
  u16(o + 10, names.length - 1);
  const note = spec.sections.find((s) => s.type === 7);
  const ph = (i: number, type: number, pOff: number, size: number, flags: number, align: number) => {
    const p = ehsize + i * phsize;
    u32(p, type);
    if (c64) {
      u32(p + 4, flags);
      word(p + 8, pOff);
      word(p + 16, base + pOff);
      word(p + 24, base + pOff);
      word(p + 32, size);
      word(p + 40, size);
      word(p + 48, align);
    } else {
      word(p + 4, pOff);
      word(p + 8, base + pOff);
      word(p + 12, base + pOff);
      word(p + 16, size);
      word(p + 20, size);
      u32(p + 24, flags);
      word(p + 28, align);
    }
  };
  ph(0, 1, 0, total, 5, 0x1000);
  ph(1, 4, offs.get(note?.name ?? "") ?? 0, note?.data.length ?? 0, 4, 4);
  for (const s of spec.sections) b.set(data.get(s.name) as Uint8Array, offs.get(s.name));
  b.set(new TextEncoder().encode(shstr), shstrOff);
  const sh = (i: number, name: string, type: number, flags: number, sOff: number, size: number, align: number) => {
    const p = shoff + i * shsize;
    u32(p, nameOff.get(name) ?? 0);
    u32(p + 4, type);
    word(p + 8, flags);
    word(p + (c64 ? 16 : 12), flags & 2 ? base + sOff : 0);
    word(p + (c64 ? 24 : 16), sOff);
    word(p + (c64 ? 32 : 20), size);
    word(p + (c64 ? 48 : 32), align);
  };
  spec.sections.forEach((s, i) => sh(i + 1, s.name, s.type, 2 | (s.name === ".go.buildinfo" ? 1 : 0), offs.get(s.name) as number, s.data.length, s.align));
  sh(names.length - 1, ".shstrtab", 3, 0, shstrOff, shstr.length, 1);
  return b;
}

function goNote(little: boolean): Uint8Array {
  const id = new TextEncoder().encode(buildID);
  const n = new Uint8Array(16 + Math.ceil(id.length / 4) * 4);
  const dv = new DataView(n.buffer);
  dv.setUint32(0, 4, little);
  dv.setUint32(4, id.length, little);
  dv.setUint32(8, 4, little);
  n.set([0x47, 0x6f, 0, 0], 12);
  n.set(id, 16);
  return n;
}

writeFileSync(
  join(here, "go-inline.elf"),
  writeElf(
    { c64: true, little: true, machine: 62, sections: [{ name: ".note.go.buildid", type: 7, data: goNote(true), align: 4 }, { name: ".go.buildinfo", type: 1, data: new Uint8Array(buildinfo), align: 16 }] },
    () => {},
  ),
);

// Pointer layout: header (magic, ptrSize 4, flags 1 = big endian), two string headers, the bytes.
const ptrInfo = new Uint8Array(32 + 16 + vers.length + mod.length);
ptrInfo.set(buildinfo.subarray(0, 14));
ptrInfo[14] = 4;
ptrInfo[15] = 1;
ptrInfo.set(vers, 48);
ptrInfo.set(mod, 48 + vers.length);
writeFileSync(
  join(here, "go-pointer.elf"),
  writeElf(
    { c64: false, little: false, machine: 8, sections: [{ name: ".note.go.buildid", type: 7, data: goNote(false), align: 4 }, { name: ".go.buildinfo", type: 1, data: ptrInfo, align: 16 }] },
    (addrOf) => {
      const a = addrOf(".go.buildinfo");
      const dv = new DataView(ptrInfo.buffer);
      dv.setUint32(16, a + 32); // versPtr -> string header
      dv.setUint32(20, a + 40); // modPtr -> string header
      dv.setUint32(32, a + 48);
      dv.setUint32(36, vers.length);
      dv.setUint32(40, a + 48 + vers.length);
      dv.setUint32(44, mod.length);
    },
  ),
);
console.log("fixtures written to", here);
