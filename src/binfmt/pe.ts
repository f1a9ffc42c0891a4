import { readMapped } from "./addrmap.js";
import type { Region } from "./addrmap.js";
import type { Binary, BinaryInfo, NeededLibrary, Relocation, Section } from "./binary.js";
import { cString, Fields } from "./bytes.js";
import { coffRelocName } from "./coffreloc.js";
import { FormatError } from "./errors.js";
import { PeMachine } from "./machine.js";
import { inFile, readExact, readUpTo } from "./source.js";
import type { ByteSource } from "./source.js";

/** PeSubsystem names the optional header's Subsystem field. */
const PeSubsystem: Readonly<Record<number, string>> = {
  1: "native",
  2: "windows-gui",
  3: "windows-cui",
  9: "windows-ce-gui",
  10: "efi-application",
  14: "xbox",
  16: "windows-boot-application",
};

const IMAGE_SCN_CNT_INITIALIZED_DATA = 0x40;
const IMAGE_SCN_MEM_READ = 0x40000000;
const IMAGE_SCN_MEM_WRITE = 0x80000000;
const IMAGE_SCN_ALIGN_32BYTES = 0x600000;
const IMAGE_FILE_DLL = 0x2000;

interface PeSection {
  name: string;
  virtualSize: number;
  virtualAddress: number;
  rawSize: number;
  rawOffset: number;
  relocOffset: number;
  relocCount: number;
  characteristics: number;
}

/** openPe reads a PE image (after "MZ") or, with coffAt = 0, a bare COFF object. */
export async function openPe(src: ByteSource, object = false): Promise<Binary> {
  let coff = 0;
  if (!object) {
    const dos = new Fields(await readExact(src, 0, 64, "DOS header"), true);
    const lfanew = dos.u32(0x3c);
    const sig = await readExact(src, lfanew, 4, "PE signature");
    if (sig[0] !== 0x50 || sig[1] !== 0x45 || sig[2] !== 0 || sig[3] !== 0)
      throw new FormatError("invalid PE signature", lfanew);
    coff = lfanew + 4;
  }
  const fh = new Fields(await readExact(src, coff, 20, "COFF file header"), true, coff);
  const machine = fh.u16(0);
  const nsect = fh.u16(2);
  const symPtr = fh.u32(8);
  const nsyms = fh.u32(12);
  const optSize = fh.u16(16);
  const chars = fh.u16(18);

  let c64 = false;
  let entry = 0;
  let imageBase = 0;
  let subsystem: string | undefined;
  const dirs: { rva: number; size: number }[] = [];
  if (optSize > 0) {
    const oh = new Fields(
      await readExact(src, coff + 20, optSize, "optional header"),
      true,
      coff + 20,
    );
    const magic = oh.u16(0);
    if (magic !== 0x10b && magic !== 0x20b)
      throw new FormatError(`unknown optional header magic 0x${magic.toString(16)}`, coff + 20);
    c64 = magic === 0x20b;
    entry = oh.u32(16);
    imageBase = c64 ? oh.u64(24) : oh.u32(28);
    const ss = oh.u16(68);
    subsystem = PeSubsystem[ss] ?? `subsystem-${ss}`;
    const ndirOff = c64 ? 108 : 92;
    const n = Math.min(oh.u32(ndirOff), 16, Math.floor((optSize - ndirOff - 4) / 8));
    for (let i = 0; i < n; i++)
      dirs.push({ rva: oh.u32(ndirOff + 4 + 8 * i), size: oh.u32(ndirOff + 8 + 8 * i) });
  }

  // String table for long section names ("/4") sits after the COFF symbol table.
  let strtab: Uint8Array = new Uint8Array(0);
  if (symPtr !== 0 && nsyms > 0 && inFile(src.size, symPtr, nsyms * 18 + 4)) {
    const at = symPtr + nsyms * 18;
    const len = new Fields(await readExact(src, at, 4, "string table size"), true, at).u32(0);
    if (len >= 4 && inFile(src.size, at, len))
      strtab = await readExact(src, at, Math.min(len, 16 << 20), "string table");
  }

  const shOff = coff + 20 + optSize;
  if (!inFile(src.size, shOff, nsect * 40))
    throw new FormatError(`section headers out of range (${nsect})`, shOff);
  const sh = await readExact(src, shOff, nsect * 40, "section headers");
  const sects: PeSection[] = [];
  for (let i = 0; i < nsect; i++) {
    const f = new Fields(sh.subarray(i * 40, i * 40 + 40), true, shOff + i * 40);
    let name = cString(sh, i * 40, 8);
    if (name.startsWith("/") && /^\/\d+$/.test(name)) name = cString(strtab, Number(name.slice(1)));
    sects.push({
      name,
      virtualSize: f.u32(8),
      virtualAddress: f.u32(12),
      rawSize: f.u32(16),
      rawOffset: f.u32(20),
      relocOffset: f.u32(24),
      relocCount: f.u16(32),
      characteristics: f.u32(36),
    });
  }

  const regions: Region[] = sects.map((s) => ({
    addr: s.virtualAddress,
    offset: s.rawOffset,
    fileSize: s.rawSize,
  }));
  const needed =
    dirs.length > 1 && dirs[1] && dirs[1].rva !== 0
      ? await readImports(src, regions, dirs[1].rva, c64)
      : [];
  const m = PeMachine[machine];
  const sections: Section[] = sects.map((s) => ({
    name: s.name,
    addr: s.virtualAddress === 0 ? 0 : s.virtualAddress + imageBase,
    size: s.virtualSize,
    offset: s.rawOffset,
    fileSize: s.rawSize,
  }));
  const info: BinaryInfo = {
    format: "pe",
    kind: object ? "object" : chars & IMAGE_FILE_DLL ? "shared" : "exe",
    class: c64 || machine === 0x8664 || machine === 0xaa64 ? 64 : 32,
    byteOrder: "little",
    machine: m?.name ?? `IMAGE_FILE_MACHINE_0x${machine.toString(16)}`,
    goarch: m?.goarch,
    goos: object ? undefined : "windows",
    entry: entry === 0 ? 0 : entry + imageBase,
    sections,
    segments: [],
    hasSymbols: symPtr !== 0 && nsyms > 0,
    hasDWARF: sects.some((s) => s.name.startsWith(".debug_") || s.name.startsWith(".zdebug_")),
    static: needed.length === 0,
    needed,
  };
  if (subsystem !== undefined) info.subsystem = subsystem;

  const text = sects.find((s) => s.name === ".text");
  return {
    info,
    src,
    dataStart() {
      for (const s of sects) {
        if (
          s.virtualAddress !== 0 &&
          s.rawSize !== 0 &&
          (s.characteristics & ~IMAGE_SCN_ALIGN_32BYTES) >>> 0 ===
            (IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE) >>> 0
        ) {
          return { addr: s.virtualAddress + imageBase, size: s.virtualSize };
        }
      }
      return undefined;
    },
    readData: (addr, size) => readMapped(src, regions, addr - imageBase, size),
    textRange: () => (text ? { addr: text.rawOffset, size: text.rawSize } : undefined),
    relocations: () => readCoffRelocs(src, sects, symPtr, nsyms, strtab, machine),
  };
}

/** MaxImports bounds the imported names read from one file; Go programs import about a hundred. */
const MaxImports = 16384;

/** readImports walks the import directory: one entry per DLL, with its imported function names. */
async function readImports(
  src: ByteSource,
  regions: Region[],
  rva: number,
  c64: boolean,
): Promise<NeededLibrary[]> {
  const out: NeededLibrary[] = [];
  const readStr = async (a: number) =>
    cString((await readMapped(src, regions, a, 256)) ?? new Uint8Array(0));
  const dirs = (await readMapped(src, regions, rva, 20 * 4096)) ?? new Uint8Array(0);
  const w = c64 ? 8 : 4;
  let budget = MaxImports;
  for (let i = 0; (i + 1) * 20 <= dirs.length; i++) {
    const f = new Fields(dirs.subarray(i * 20, i * 20 + 20), true);
    const lookup = f.u32(0) || f.u32(16);
    const nameRva = f.u32(12);
    if (nameRva === 0 && lookup === 0) break;
    const lib: NeededLibrary = { name: await readStr(nameRva), versions: [], symbols: [] };
    out.push(lib);
    if (lookup === 0) continue;
    // Thunks are read in blocks; the list ends at a zero entry, an unmapped address or the budget.
    for (let at = lookup; budget > 0; at += 512 * w) {
      const t = await readMapped(src, regions, at, 512 * w);
      if (!t || t.length < w) break;
      const tf = new Fields(t, true);
      let done = false;
      for (let j = 0; j + w <= t.length && budget > 0; j += w, budget--) {
        const v = c64 ? tf.view.getBigUint64(j, true) : BigInt(tf.u32(j));
        if (v === 0n) {
          done = true;
          break;
        }
        const byOrdinal = c64 ? v >> 63n === 1n : v >> 31n === 1n;
        lib.symbols?.push(
          byOrdinal ? `#${Number(v & 0xffffn)}` : await readStr(Number(v & 0x7fffffffn) + 2),
        );
      }
      if (done || t.length < 512 * w) break;
    }
  }
  return out;
}

/** readCoffRelocs lists the relocations of every section of a COFF object. */
async function readCoffRelocs(
  src: ByteSource,
  sects: PeSection[],
  symPtr: number,
  nsyms: number,
  strtab: Uint8Array,
  machine: number,
): Promise<Relocation[]> {
  const out: Relocation[] = [];
  let syms: Uint8Array = new Uint8Array(0);
  if (symPtr !== 0 && inFile(src.size, symPtr, nsyms * 18))
    syms = await readUpTo(src, symPtr, nsyms * 18);
  const symName = (i: number): string => {
    if (i * 18 + 18 > syms.length) return "";
    const f = new Fields(syms.subarray(i * 18, i * 18 + 18), true);
    if (f.u32(0) === 0) return cString(strtab, f.u32(4));
    return cString(syms, i * 18, 8);
  };
  for (const s of sects) {
    if (s.relocCount === 0) continue;
    const b = await readExact(src, s.relocOffset, s.relocCount * 10, "COFF relocations");
    const f = new Fields(b, true, s.relocOffset);
    for (let i = 0; i < s.relocCount; i++) {
      const type = f.u16(i * 10 + 8);
      out.push({
        section: s.name,
        offset: f.u32(i * 10),
        type,
        typeName: coffRelocName(machine, type),
        symbol: symName(f.u32(i * 10 + 4)),
      });
    }
  }
  return out;
}
