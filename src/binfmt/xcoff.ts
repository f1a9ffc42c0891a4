import { readMapped } from "./addrmap.js";
import type { Region } from "./addrmap.js";
import type { Binary, BinaryInfo, NeededLibrary, Section } from "./binary.js";
import { cString, Fields } from "./bytes.js";
import { FormatError } from "./errors.js";
import { inFile, readExact } from "./source.js";
import type { ByteSource } from "./source.js";

const STYP_DWARF = 0x10;
const STYP_TEXT = 0x20;
const STYP_DATA = 0x40;
const STYP_LOADER = 0x1000;
const F_EXEC = 0x2;
const F_SHROBJ = 0x2000;

interface XSection {
  name: string;
  vaddr: number;
  size: number;
  scnptr: number;
  flags: number;
}

/** openXcoff reads an AIX XCOFF file: 0x01DF (32-bit) or 0x01F7 (64-bit), always big-endian. */
export async function openXcoff(src: ByteSource): Promise<Binary> {
  const magic = new Fields(await readExact(src, 0, 2, "XCOFF magic"), false).u16(0);
  const c64 = magic === 0x01f7;
  if (!c64 && magic !== 0x01df) throw new FormatError("invalid XCOFF magic", 0);
  const fh = new Fields(await readExact(src, 0, c64 ? 24 : 20, "XCOFF file header"), false);
  const nscns = fh.u16(2);
  const symptr = c64 ? fh.u64(8) : fh.u32(8);
  const opthdr = c64 ? fh.u16(16) : fh.u16(16);
  const flags = c64 ? fh.u16(18) : fh.u16(18);
  const nsyms = c64 ? fh.u32(20) : fh.u32(12);
  const hsz = c64 ? 24 : 20;
  let entry = 0;
  if (opthdr > 0) {
    const aux = new Fields(await readExact(src, hsz, opthdr, "XCOFF auxiliary header"), false, hsz);
    if (c64 && opthdr >= 88) entry = aux.u64(80);
    else if (!c64 && opthdr >= 20) entry = aux.u32(16);
  }
  const ssz = c64 ? 72 : 40;
  const shOff = hsz + opthdr;
  if (!inFile(src.size, shOff, nscns * ssz))
    throw new FormatError(`section headers out of range (${nscns})`, shOff);
  const sh = await readExact(src, shOff, nscns * ssz, "XCOFF section headers");
  const xs: XSection[] = [];
  for (let i = 0; i < nscns; i++) {
    const f = new Fields(sh.subarray(i * ssz, (i + 1) * ssz), false, shOff + i * ssz);
    xs.push(
      c64
        ? {
            name: cString(sh, i * ssz, 8),
            vaddr: f.u64(16),
            size: f.u64(24),
            scnptr: f.u64(32),
            flags: f.u32(64),
          }
        : {
            name: cString(sh, i * ssz, 8),
            vaddr: f.u32(12),
            size: f.u32(16),
            scnptr: f.u32(20),
            flags: f.u32(36),
          },
    );
  }
  const needed = await readImports(
    src,
    xs.find((s) => (s.flags & 0xffff) === STYP_LOADER),
    c64,
  );
  const sections: Section[] = xs.map((s) => ({
    name: s.name,
    addr: s.vaddr,
    size: s.size,
    offset: s.scnptr,
    fileSize: s.scnptr === 0 ? 0 : s.size,
  }));
  const info: BinaryInfo = {
    format: "xcoff",
    kind: flags & F_SHROBJ ? "shared" : flags & F_EXEC ? "exe" : "object",
    class: c64 ? 64 : 32,
    byteOrder: "big",
    machine: c64 ? "U64_TOCMAGIC" : "U802TOCMAGIC",
    goarch: c64 ? "ppc64" : "ppc",
    goos: "aix",
    entry,
    sections,
    segments: [],
    hasSymbols: symptr !== 0 && nsyms > 0,
    hasDWARF: xs.some((s) => (s.flags & 0xffff) === STYP_DWARF),
    static: needed.length === 0,
    needed,
  };
  // Go's internal/xcoff maps every section by its virtual address, bss included.
  const regions: Region[] = xs.map((s) => ({ addr: s.vaddr, offset: s.scnptr, fileSize: s.size }));
  const text = xs.find((s) => (s.flags & 0xffff) === STYP_TEXT);
  return {
    info,
    src,
    dataStart() {
      const s = xs.find((x) => (x.flags & 0xffff) === STYP_DATA);
      return s ? { addr: s.vaddr, size: s.size } : undefined;
    },
    readData: (addr, size) => readMapped(src, regions, addr, size),
    textRange: () => (text ? { addr: text.scnptr, size: text.size } : undefined),
    relocations: () => Promise.resolve([]),
  };
}

/** readImports lists the loader section's import file IDs (libc.a(shr_64.o) and friends). */
async function readImports(
  src: ByteSource,
  ldr: XSection | undefined,
  c64: boolean,
): Promise<NeededLibrary[]> {
  if (!ldr || ldr.scnptr === 0) return [];
  const lh = new Fields(
    await readExact(src, ldr.scnptr, c64 ? 56 : 32, "XCOFF loader header"),
    false,
    ldr.scnptr,
  );
  const istlen = lh.u32(12);
  const nimpid = lh.u32(16);
  const impoff = c64 ? lh.u64(24) : lh.u32(20);
  if (istlen > 1 << 20 || impoff > ldr.size)
    throw new FormatError("XCOFF import table out of range", ldr.scnptr);
  const b = await readExact(src, ldr.scnptr + impoff, istlen, "XCOFF import IDs");
  const out: NeededLibrary[] = [];
  let p = 0;
  const next = () => {
    const s = cString(b, p);
    p += new TextEncoder().encode(s).length + 1;
    return s;
  };
  for (let i = 0; i < nimpid && p < b.length; i++) {
    const path = next();
    const base = next();
    const member = next();
    if (i === 0) continue; // the first entry is the library search path
    const file = path ? `${path}/${base}` : base;
    out.push({ name: member ? `${file}(${member})` : file, versions: [] });
  }
  return out;
}
