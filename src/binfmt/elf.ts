import { readMapped } from "./addrmap.js";
import type { Region } from "./addrmap.js";
import type {
  Binary,
  BinaryInfo,
  Kind,
  NeededLibrary,
  Relocation,
  Section,
  Segment,
} from "./binary.js";
import { cString, Fields } from "./bytes.js";
import { elfRelocName } from "./elfreloc.js";
import { FormatError } from "./errors.js";
import { ElfMachine } from "./machine.js";
import { inFile, readExact } from "./source.js";
import type { ByteSource } from "./source.js";

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const PT_NOTE = 4;
const SHT_SYMTAB = 2;
const SHT_RELA = 4;
const SHT_DYNAMIC = 6;
const SHT_NOTE = 7;
const SHT_NOBITS = 8;
const SHT_REL = 9;
const SHT_GNU_VERNEED = 0x6ffffffe;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;

const PtNames: Readonly<Record<number, string>> = {
  0: "PT_NULL",
  1: "PT_LOAD",
  2: "PT_DYNAMIC",
  3: "PT_INTERP",
  4: "PT_NOTE",
  5: "PT_SHLIB",
  6: "PT_PHDR",
  7: "PT_TLS",
  0x6474e550: "PT_GNU_EH_FRAME",
  0x6474e551: "PT_GNU_STACK",
  0x6474e552: "PT_GNU_RELRO",
  0x65a3dbe6: "PT_OPENBSD_RANDOMIZE",
  0x65a3dbe7: "PT_OPENBSD_WXNEEDED",
  0x65a3dbe8: "PT_OPENBSD_NOBTCFI", // Go marks its openbsd binaries: no branch-target enforcement
  0x70000000: "PT_LOPROC",
};

/** ElfOsAbi maps EI_OSABI to the GOOS it identifies (0 and 3 are not decisive for static binaries). */
const ElfOsAbi: Readonly<Record<number, string>> = {
  2: "netbsd",
  3: "linux",
  6: "solaris",
  9: "freebsd",
  12: "openbsd",
};

/** ElfNoteOwner maps an ELF note owner (ABI tag notes) to a GOOS. */
const ElfNoteOwner: Readonly<Record<string, string>> = {
  NetBSD: "netbsd",
  OpenBSD: "openbsd",
  FreeBSD: "freebsd",
  DragonFly: "dragonfly",
  Android: "android",
};

/**
 * ElfInterp maps a dynamic loader path to GOOS. illumos and solaris share one loader, so
 * that row lists both (go.dev/issue/20603 split the port, not the ABI).
 */
const ElfInterp: ReadonlyArray<{ prefix: string; goos: string[] }> = [
  { prefix: "/system/bin/linker", goos: ["android"] },
  { prefix: "/usr/libexec/ld.so", goos: ["openbsd"] },
  { prefix: "/libexec/ld-elf.so", goos: ["freebsd"] },
  { prefix: "/usr/libexec/ld.elf_so", goos: ["netbsd"] },
  { prefix: "/usr/libexec/ld-elf.so", goos: ["dragonfly"] },
  { prefix: "/lib/amd64/ld.so.1", goos: ["solaris", "illumos"] },
  { prefix: "/usr/lib/amd64/ld.so.1", goos: ["solaris", "illumos"] },
  { prefix: "/lib/ld-linux", goos: ["linux"] },
  { prefix: "/lib64/ld", goos: ["linux"] },
  { prefix: "/lib/ld", goos: ["linux"] },
];

interface Shdr {
  name: string;
  nameOff: number;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  entsize: number;
}

interface Phdr {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

/** ElfNote is one entry of a note section or segment. */
interface ElfNote {
  owner: string;
  type: number;
  desc: Uint8Array;
}

/** MaxTable bounds any single header table or string table read into memory. */
const MaxTable = 64 << 20;

/** openElf reads an ELF file's headers, sections, notes and dynamic table. */
export async function openElf(src: ByteSource): Promise<Binary> {
  const ident = await readExact(src, 0, 16, "ELF ident");
  const cls = ident[4];
  const data = ident[5];
  if (cls !== 1 && cls !== 2) throw new FormatError(`unknown ELF class ${String(cls)}`, 4);
  if (data !== 1 && data !== 2)
    throw new FormatError(`unknown ELF data encoding ${String(data)}`, 5);
  const c64 = cls === 2;
  const little = data === 1;
  const w: 4 | 8 = c64 ? 8 : 4;
  const h = new Fields(await readExact(src, 0, c64 ? 64 : 52, "ELF header"), little);
  const type = h.u16(16);
  const machine = h.u16(18);
  const entry = h.word(24, w);
  const phoff = c64 ? h.u64(32) : h.u32(28);
  const shoff = c64 ? h.u64(40) : h.u32(32);
  const o = c64 ? 52 : 40;
  const phentsize = h.u16(o + 2);
  let phnum = h.u16(o + 4);
  const shentsize = h.u16(o + 6);
  let shnum = h.u16(o + 8);
  let shstrndx = h.u16(o + 10);

  // Section headers, with extended numbering kept in section 0.
  const shdrs: Shdr[] = [];
  if (shoff !== 0) {
    const want = c64 ? 64 : 40;
    if (shentsize < want) throw new FormatError(`invalid section header size ${shentsize}`, o + 6);
    const s0 = parseShdr(
      new Fields(await readExact(src, shoff, want, "section header 0"), little, shoff),
      c64,
    );
    if (shnum === 0) shnum = s0.size;
    if (shstrndx === 0xffff) shstrndx = s0.link;
    if (phnum === 0xffff) phnum = s0.info;
    if (shnum > 0) {
      const len = shnum * shentsize;
      if (!inFile(src.size, shoff, len) || len > MaxTable)
        throw new FormatError(`section headers out of range (${shnum})`, shoff);
      const tab = await readExact(src, shoff, len, "section headers");
      for (let i = 0; i < shnum; i++) {
        shdrs.push(
          parseShdr(
            new Fields(
              tab.subarray(i * shentsize, i * shentsize + want),
              little,
              shoff + i * shentsize,
            ),
            c64,
          ),
        );
      }
    }
    if (shstrndx !== 0 && shstrndx < shdrs.length) {
      const st = shdrs[shstrndx] as Shdr;
      const names = await readTable(src, st.offset, st.size, "section names");
      for (const s of shdrs) s.name = cString(names, s.nameOff);
    }
  }

  const phdrs: Phdr[] = [];
  if (phoff !== 0 && phnum > 0) {
    const want = c64 ? 56 : 32;
    if (phentsize < want) throw new FormatError(`invalid program header size ${phentsize}`, o + 2);
    const len = phnum * phentsize;
    if (!inFile(src.size, phoff, len) || len > MaxTable)
      throw new FormatError(`program headers out of range (${phnum})`, phoff);
    const tab = await readExact(src, phoff, len, "program headers");
    for (let i = 0; i < phnum; i++) {
      const f = new Fields(
        tab.subarray(i * phentsize, i * phentsize + want),
        little,
        phoff + i * phentsize,
      );
      phdrs.push(
        c64
          ? {
              type: f.u32(0),
              flags: f.u32(4),
              offset: f.u64(8),
              vaddr: f.u64(16),
              filesz: f.u64(32),
              memsz: f.u64(40),
              align: f.u64(48),
            }
          : {
              type: f.u32(0),
              offset: f.u32(4),
              vaddr: f.u32(8),
              filesz: f.u32(16),
              memsz: f.u32(20),
              flags: f.u32(24),
              align: f.u32(28),
            },
      );
    }
  }

  let interp: string | undefined;
  const ip = phdrs.find((p) => p.type === PT_INTERP);
  if (ip)
    interp = cString(await readTable(src, ip.offset, Math.min(ip.filesz, 4096), "interpreter"));

  const notes: ElfNote[] = [];
  const noteSects = shdrs.filter((s) => s.type === SHT_NOTE);
  const noteRanges =
    noteSects.length > 0
      ? noteSects.map((s) => ({ off: s.offset, size: s.size }))
      : phdrs.filter((p) => p.type === PT_NOTE).map((p) => ({ off: p.offset, size: p.filesz }));
  for (const r of noteRanges)
    notes.push(
      ...parseNotes(await readTable(src, r.off, Math.min(r.size, 1 << 20), "notes"), little),
    );

  const needed = await readNeeded(src, shdrs, phdrs, c64, little);

  const m = ElfMachine[machine];
  const goosSet = elfGoos(
    ident[7] ?? 0,
    notes,
    interp,
    needed.length > 0 || phdrs.some((p) => p.type === PT_DYNAMIC),
    type === 1,
  );
  const kind: Kind =
    type === 1
      ? "object"
      : type === 2
        ? "exe"
        : type === 3
          ? interp !== undefined
            ? "pie"
            : "shared"
          : "unknown";

  const sections: Section[] = shdrs.slice(shdrs.length > 0 ? 1 : 0).map((s) => ({
    name: s.name,
    addr: s.addr,
    size: s.size,
    offset: s.offset,
    fileSize: s.type === SHT_NOBITS ? 0 : s.size,
  }));
  const segments: Segment[] = phdrs.map((p) => ({
    name: PtNames[p.type] ?? `0x${p.type.toString(16)}`,
    addr: p.vaddr,
    memSize: p.memsz,
    offset: p.offset,
    fileSize: p.filesz,
    flags: (p.flags & 4 ? "r" : "-") + (p.flags & 2 ? "w" : "-") + (p.flags & 1 ? "x" : "-"),
  }));

  const info: BinaryInfo = {
    format: "elf",
    kind,
    class: c64 ? 64 : 32,
    byteOrder: little ? "little" : "big",
    machine: m?.name ?? `EM_${machine}`,
    goarch: m?.goarch(c64, little),
    goos: goosSet[0],
    entry,
    sections,
    segments,
    hasSymbols: shdrs.some((s) => s.type === SHT_SYMTAB && s.size > 0),
    hasDWARF: shdrs.some((s) => s.name.startsWith(".debug_") || s.name.startsWith(".zdebug_")),
    static: interp === undefined && !phdrs.some((p) => p.type === PT_DYNAMIC),
    interp,
    needed,
  };
  if (goosSet.length > 1) info.goosCandidates = goosSet;

  const regions: Region[] = phdrs.map((p) => ({
    addr: p.vaddr,
    offset: p.offset,
    fileSize: p.filesz,
  }));
  const text = shdrs.find((s) => s.name === ".text");
  return {
    info,
    src,
    dataStart() {
      const s = shdrs.find((x) => x.name === ".go.buildinfo");
      return s ? { addr: s.addr, size: s.size } : undefined;
    },
    readData: (addr, size) => readMapped(src, regions, addr, size),
    textRange: () => (text ? { addr: text.offset, size: text.size } : undefined),
    relocations: () => readRelocs(src, shdrs, machine, c64, little),
  };
}

function parseShdr(f: Fields, c64: boolean): Shdr {
  return c64
    ? {
        name: "",
        nameOff: f.u32(0),
        type: f.u32(4),
        flags: f.u64(8),
        addr: f.u64(16),
        offset: f.u64(24),
        size: f.u64(32),
        link: f.u32(40),
        info: f.u32(44),
        entsize: f.u64(56),
      }
    : {
        name: "",
        nameOff: f.u32(0),
        type: f.u32(4),
        flags: f.u32(8),
        addr: f.u32(12),
        offset: f.u32(16),
        size: f.u32(20),
        link: f.u32(24),
        info: f.u32(28),
        entsize: f.u32(36),
      };
}

/** readTable reads a whole table that must lie inside the file and under MaxTable. */
async function readTable(
  src: ByteSource,
  off: number,
  size: number,
  what: string,
): Promise<Uint8Array> {
  if (size > MaxTable) throw new FormatError(`${what} too large (${size} bytes)`, off);
  return readExact(src, off, size, what);
}

/** parseNotes splits a note section into entries, stopping at the first malformed one. */
function parseNotes(b: Uint8Array, little: boolean): ElfNote[] {
  const f = new Fields(b, little);
  const out: ElfNote[] = [];
  let off = 0;
  while (off + 12 <= b.length && out.length < 1024) {
    const namesz = f.u32(off);
    const descsz = f.u32(off + 4);
    const type = f.u32(off + 8);
    const nameEnd = off + 12 + namesz;
    const descOff = off + 12 + Math.ceil(namesz / 4) * 4;
    if (namesz > b.length || descsz > b.length || descOff + descsz > b.length || nameEnd > b.length)
      break;
    out.push({
      owner: cString(b, off + 12, namesz),
      type,
      desc: b.subarray(descOff, descOff + descsz),
    });
    off = descOff + Math.ceil(descsz / 4) * 4;
  }
  return out;
}

/** elfGoos derives the GOOS candidates from OS/ABI, notes and interpreter, best first. */
function elfGoos(
  osabi: number,
  notes: ElfNote[],
  interp: string | undefined,
  dynamic: boolean,
  object: boolean,
): string[] {
  for (const n of notes) {
    const g = ElfNoteOwner[n.owner];
    if (g) return [g];
  }
  if (interp !== undefined) {
    for (const row of ElfInterp) if (interp.startsWith(row.prefix)) return row.goos;
  }
  const g = ElfOsAbi[osabi];
  if (g) return [g];
  // A relocatable object without an ABI note names no OS; a static System V executable
  // without one is what Go writes for linux and dragonfly alike.
  if (osabi === 0 && !object) return dynamic ? ["linux"] : ["linux", "dragonfly"];
  return [];
}

/** readNeeded lists DT_NEEDED libraries and the symbol versions required from each. */
async function readNeeded(
  src: ByteSource,
  shdrs: Shdr[],
  phdrs: Phdr[],
  c64: boolean,
  little: boolean,
): Promise<NeededLibrary[]> {
  const w = c64 ? 8 : 4;
  let dyn: Uint8Array | undefined;
  let strtab: Uint8Array | undefined;
  const ds = shdrs.find((s) => s.type === SHT_DYNAMIC);
  if (ds && ds.link < shdrs.length) {
    dyn = await readTable(src, ds.offset, ds.size, "dynamic section");
    const st = shdrs[ds.link] as Shdr;
    strtab = await readTable(src, st.offset, st.size, "dynamic string table");
  } else {
    const dp = phdrs.find((p) => p.type === PT_DYNAMIC);
    if (!dp) return [];
    dyn = await readTable(src, dp.offset, dp.filesz, "dynamic segment");
    // Find DT_STRTAB's address and map it through PT_LOAD.
    const f = new Fields(dyn, little);
    let addr = -1;
    let size = 0;
    for (let off = 0; off + 2 * w <= dyn.length; off += 2 * w) {
      const tag = f.word(off, w);
      if (tag === DT_STRTAB) addr = f.word(off + w, w);
      if (tag === DT_STRSZ) size = f.word(off + w, w);
    }
    const load = phdrs.find(
      (p) => p.type === PT_LOAD && p.vaddr <= addr && addr < p.vaddr + p.filesz,
    );
    if (!load || size <= 0) return [];
    strtab = await readTable(
      src,
      load.offset + (addr - load.vaddr),
      Math.min(size, load.vaddr + load.filesz - addr),
      "dynamic string table",
    );
  }
  const f = new Fields(dyn, little);
  const out: NeededLibrary[] = [];
  for (let off = 0; off + 2 * w <= dyn.length; off += 2 * w) {
    const tag = f.word(off, w);
    if (tag === 0) break;
    if (tag === DT_NEEDED) out.push({ name: cString(strtab, f.word(off + w, w)), versions: [] });
  }
  const vn = shdrs.find((s) => s.type === SHT_GNU_VERNEED);
  if (vn && vn.link < shdrs.length) {
    const vb = await readTable(src, vn.offset, vn.size, "version needs");
    const st = shdrs[vn.link] as Shdr;
    const vstr = await readTable(src, st.offset, st.size, "version strings");
    const vf = new Fields(vb, little);
    let off = 0;
    for (let i = 0; i < Math.min(vn.info || 4096, 4096) && off + 16 <= vb.length; i++) {
      const cnt = vf.u16(off + 2);
      const file = cString(vstr, vf.u32(off + 4));
      const vers = new Set<string>();
      let aux = off + vf.u32(off + 8);
      for (let j = 0; j < cnt && aux + 16 <= vb.length && aux > off - 1; j++) {
        vers.add(cString(vstr, vf.u32(aux + 8)));
        const next = vf.u32(aux + 12);
        if (next === 0) break;
        aux += next;
      }
      let lib = out.find((l) => l.name === file);
      if (!lib) {
        lib = { name: file, versions: [] };
        out.push(lib);
      }
      lib.versions = [...new Set([...lib.versions, ...vers])].sort(compareVersions);
      const next = vf.u32(off + 12);
      if (next === 0) break;
      off += next;
    }
  }
  return out;
}

/** compareVersions orders GLIBC_2.2.5 < GLIBC_2.17 < GLIBC_2.34 (numeric parts numerically). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[._]/);
  const pb = b.split(/[._]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** readRelocs decodes every SHT_REL and SHT_RELA section with symbol names from its symbol table. */
async function readRelocs(
  src: ByteSource,
  shdrs: Shdr[],
  machine: number,
  c64: boolean,
  little: boolean,
): Promise<Relocation[]> {
  const out: Relocation[] = [];
  const symCache = new Map<number, string[]>();
  for (const s of shdrs) {
    if (s.type !== SHT_REL && s.type !== SHT_RELA) continue;
    const rela = s.type === SHT_RELA;
    const w = c64 ? 8 : 4;
    const ent = rela ? 3 * w : 2 * w;
    const b = await readTable(src, s.offset, s.size, "relocations");
    const f = new Fields(b, little, s.offset);
    let names = symCache.get(s.link);
    if (!names) {
      names = await readSymbolNames(src, shdrs, s.link, c64, little);
      symCache.set(s.link, names);
    }
    for (let off = 0; off + ent <= b.length; off += ent) {
      const offset = f.word(off, w);
      let sym: number;
      let type: number;
      if (c64 && machine === 8) {
        // MIPS64 splits r_info: r_sym (4 bytes), r_ssym, r_type3, r_type2, r_type (1 byte each).
        sym = f.u32(off + w);
        type = f.u8(off + w + 7);
      } else if (c64) {
        sym = f.u32(off + w + (little ? 4 : 0));
        type = f.u32(off + w + (little ? 0 : 4));
      } else {
        const i = f.u32(off + w);
        sym = i >>> 8;
        type = i & 0xff;
      }
      const r: Relocation = {
        section: s.name,
        offset,
        type,
        typeName: elfRelocName(machine, type),
        symbol: names[sym] ?? "",
      };
      if (rela)
        r.addend = c64 ? Number(f.view.getBigInt64(off + 2 * w, little)) : f.i32(off + 2 * w);
      out.push(r);
    }
  }
  return out;
}

/** readSymbolNames returns the names of a symbol table, section symbols named after their section. */
async function readSymbolNames(
  src: ByteSource,
  shdrs: Shdr[],
  index: number,
  c64: boolean,
  little: boolean,
): Promise<string[]> {
  const st = shdrs[index];
  if (!st || index === 0 || st.link >= shdrs.length) return [];
  const b = await readTable(src, st.offset, st.size, "symbol table");
  const strs = shdrs[st.link] as Shdr;
  const sb = await readTable(src, strs.offset, strs.size, "symbol names");
  const f = new Fields(b, little, st.offset);
  const size = c64 ? 24 : 16;
  const out: string[] = [];
  for (let off = 0; off + size <= b.length; off += size) {
    const name = cString(sb, f.u32(off));
    const info = f.u8(off + (c64 ? 4 : 12));
    const shndx = f.u16(off + (c64 ? 6 : 14));
    if ((info & 0xf) === 3 && name === "" && shndx < shdrs.length)
      out.push((shdrs[shndx] as Shdr).name);
    else out.push(name);
  }
  return out;
}
