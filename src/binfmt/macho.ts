import { readMapped } from "./addrmap.js";
import type { Region } from "./addrmap.js";
import type { Binary, BinaryInfo, NeededLibrary, Section, Segment } from "./binary.js";
import { cString, Fields } from "./bytes.js";
import { FormatError } from "./errors.js";
import { MachoCpu } from "./machine.js";
import { inFile, readExact } from "./source.js";
import type { ByteSource } from "./source.js";

const LC_SEGMENT = 0x1;
const LC_SYMTAB = 0x2;
const LC_UNIXTHREAD = 0x5;
const LC_DYSYMTAB = 0xb;
const LC_LOAD_DYLIB = 0xc;
const LC_LOAD_DYLINKER = 0xe;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const LC_VERSION_MIN_MACOSX = 0x24;
const LC_VERSION_MIN_IPHONEOS = 0x25;
const LC_VERSION_MIN_TVOS = 0x2f;
const LC_VERSION_MIN_WATCHOS = 0x30;
const LC_BUILD_VERSION = 0x32;
const LC_LOAD_WEAK_DYLIB = 0x80000018;
const LC_REEXPORT_DYLIB = 0x8000001f;
const LC_MAIN = 0x80000028;

/** MachoPlatform maps LC_BUILD_VERSION platforms to a name and GOOS (Go's ios port covers the simulator too). */
const MachoPlatform: Readonly<Record<number, { name: string; goos: string }>> = {
  1: { name: "macos", goos: "darwin" },
  2: { name: "ios", goos: "ios" },
  3: { name: "tvos", goos: "ios" },
  4: { name: "watchos", goos: "ios" },
  6: { name: "maccatalyst", goos: "ios" },
  7: { name: "iossimulator", goos: "ios" },
  8: { name: "tvossimulator", goos: "ios" },
  9: { name: "watchossimulator", goos: "ios" },
};

const MachoFileType: Readonly<Record<number, BinaryInfo["kind"]>> = {
  1: "object",
  2: "exe",
  6: "shared",
  8: "shared",
};

/** MaxFatArches bounds the slices of a universal file (Go's debug/macho accepts any count the file holds). */
const MaxFatArches = 64;

/** openMacho reads a thin Mach-O file, 32- or 64-bit, either byte order, at base inside src. */
export async function openMacho(src: ByteSource, base = 0, limit = src.size): Promise<Binary> {
  const magic = await readExact(src, base, 4, "Mach-O magic");
  const m = (magic[0]! << 24) | (magic[1]! << 16) | (magic[2]! << 8) | magic[3]!;
  let little: boolean;
  let c64: boolean;
  switch (m >>> 0) {
    case 0xfeedface:
      little = false;
      c64 = false;
      break;
    case 0xfeedfacf:
      little = false;
      c64 = true;
      break;
    case 0xcefaedfe:
      little = true;
      c64 = false;
      break;
    case 0xcffaedfe:
      little = true;
      c64 = true;
      break;
    default:
      throw new FormatError("invalid Mach-O magic", base);
  }
  const hsize = c64 ? 32 : 28;
  const h = new Fields(await readExact(src, base, hsize, "Mach-O header"), little, base);
  const cpu = h.u32(4);
  const filetype = h.u32(12);
  const ncmds = h.u32(16);
  const sizeofcmds = h.u32(20);
  if (!inFile(limit, base + hsize, sizeofcmds) || sizeofcmds > 64 << 20)
    throw new FormatError(`load commands out of range (${sizeofcmds} bytes)`, base + 20);
  const cmds = await readExact(src, base + hsize, sizeofcmds, "load commands");
  const f = new Fields(cmds, little, base + hsize);

  const sections: Section[] = [];
  const segments: Segment[] = [];
  const regions: Region[] = [];
  const needed: NeededLibrary[] = [];
  let nsyms = 0;
  let definedSyms: number | undefined;
  let codeSignature = false;
  let entry = 0;
  let interp: string | undefined;
  let platform: string | undefined;
  let goos: string | undefined;
  let minOS: string | undefined;
  let textSeg = 0;
  let off = 0;
  for (let i = 0; i < ncmds; i++) {
    if (off + 8 > cmds.length)
      throw new FormatError(`load command ${i} out of range`, base + hsize + off);
    const cmd = f.u32(off);
    const size = f.u32(off + 4);
    if (size < 8 || off + size > cmds.length)
      throw new FormatError(`invalid load command ${i} size ${size}`, base + hsize + off);
    const lc = new Fields(cmds.subarray(off, off + size), little, base + hsize + off);
    switch (cmd) {
      case LC_SEGMENT:
      case LC_SEGMENT_64: {
        const s64 = cmd === LC_SEGMENT_64;
        const name = cString(cmds, off + 8, 16);
        const w: 4 | 8 = s64 ? 8 : 4;
        const addr = lc.word(24, w);
        const vmsize = lc.word(24 + w, w);
        const fileoff = lc.word(24 + 2 * w, w);
        const filesz = lc.word(24 + 3 * w, w);
        const prot = lc.u32(24 + 4 * w + 4);
        const nsects = lc.u32(24 + 4 * w + 8);
        segments.push({
          name,
          addr,
          memSize: vmsize,
          offset: base + fileoff,
          fileSize: filesz,
          flags: (prot & 1 ? "r" : "-") + (prot & 2 ? "w" : "-") + (prot & 4 ? "x" : "-"),
        });
        regions.push({
          addr,
          offset: base + fileoff,
          fileSize: filesz,
          skip: name === "__PAGEZERO",
        });
        if (name === "__TEXT") textSeg = addr;
        const hdr = s64 ? 72 : 56;
        const ssz = s64 ? 80 : 68;
        if (hdr + nsects * ssz > size)
          throw new FormatError(`segment ${name} has ${nsects} sections past its command`, lc.base);
        for (let j = 0; j < nsects; j++) {
          const so = hdr + j * ssz;
          const sname = cString(cmds, off + so, 16);
          const saddr = lc.word(so + 32, w);
          const ssize = lc.word(so + 32 + w, w);
          const soff = lc.u32(so + 32 + 2 * w);
          const flags = lc.u32(so + 32 + 2 * w + 16);
          const zerofill =
            (flags & 0xff) === 1 || (flags & 0xff) === 0xc || (flags & 0xff) === 0x12;
          sections.push({
            name: sname,
            addr: saddr,
            size: ssize,
            offset: base + soff,
            fileSize: zerofill ? 0 : ssize,
          });
        }
        break;
      }
      case LC_SYMTAB:
        nsyms = lc.u32(12);
        break;
      case LC_DYSYMTAB:
        // -s keeps the undefined (imported) symbols a dynamic binary needs; count only the rest.
        definedSyms = lc.u32(12) + lc.u32(20);
        break;
      case LC_LOAD_DYLIB:
      case LC_LOAD_WEAK_DYLIB:
      case LC_REEXPORT_DYLIB:
        needed.push({ name: cString(cmds, off + lc.u32(8), size - lc.u32(8)), versions: [] });
        break;
      case LC_LOAD_DYLINKER:
        interp = cString(cmds, off + lc.u32(8), size - lc.u32(8));
        break;
      case LC_CODE_SIGNATURE:
        codeSignature = true;
        break;
      case LC_MAIN:
        entry = lc.u64(8); // offset from the __TEXT segment, fixed up below
        break;
      case LC_UNIXTHREAD:
        break;
      case LC_BUILD_VERSION: {
        const p = MachoPlatform[lc.u32(8)];
        platform = p?.name ?? `platform-${lc.u32(8)}`;
        goos = p?.goos;
        minOS = versionString(lc.u32(12));
        break;
      }
      case LC_VERSION_MIN_MACOSX:
      case LC_VERSION_MIN_IPHONEOS:
      case LC_VERSION_MIN_TVOS:
      case LC_VERSION_MIN_WATCHOS:
        platform ??=
          cmd === LC_VERSION_MIN_MACOSX
            ? "macos"
            : cmd === LC_VERSION_MIN_IPHONEOS
              ? "ios"
              : cmd === LC_VERSION_MIN_TVOS
                ? "tvos"
                : "watchos";
        goos ??= cmd === LC_VERSION_MIN_MACOSX ? "darwin" : "ios";
        minOS ??= versionString(lc.u32(8));
        break;
    }
    off += size;
  }
  if (entry !== 0) entry += textSeg;
  const cputype = MachoCpu[cpu];
  const info: BinaryInfo = {
    format: "macho",
    kind: MachoFileType[filetype] ?? "unknown",
    class: c64 ? 64 : 32,
    byteOrder: little ? "little" : "big",
    machine: cputype?.name ?? `CPU_TYPE_0x${cpu.toString(16)}`,
    goarch: cputype?.goarch,
    goos: goos ?? (filetype === 1 ? undefined : "darwin"),
    entry,
    sections,
    segments,
    hasSymbols: definedSyms !== undefined ? definedSyms > 0 : nsyms > 0,
    hasDWARF: sections.some((s) => s.name.startsWith("__debug_") || s.name.startsWith("__zdebug_")),
    static: interp === undefined && needed.length === 0,
    needed,
    codeSignature,
  };
  if (interp !== undefined) info.interp = interp;
  if (platform !== undefined) info.platform = platform;
  if (minOS !== undefined) info.minOS = minOS;
  const text = sections.find((s) => s.name === "__text");
  return {
    info,
    src,
    dataStart() {
      const s = sections.find((x) => x.name === "__go_buildinfo");
      return s ? { addr: s.addr, size: s.size } : undefined;
    },
    readData: (addr, size) => readMapped(src, regions, addr, size),
    textRange: () => (text ? { addr: text.offset, size: text.size } : undefined),
    relocations: () => Promise.resolve([]),
  };
}

function versionString(v: number): string {
  return `${v >>> 16}.${(v >>> 8) & 0xff}` + ((v & 0xff) !== 0 ? `.${v & 0xff}` : "");
}

/**
 * openMachoFat reads a universal file (0xcafebabe, or 0xcafebabf with 64-bit offsets): the
 * first slice is the binary Go's tools report; info.slices describes every slice.
 */
export async function openMachoFat(src: ByteSource): Promise<Binary> {
  const h = new Fields(await readExact(src, 0, 8, "fat header"), false);
  const fat64 = h.u32(0) === 0xcafebabf;
  const n = h.u32(4);
  if (n === 0 || n > MaxFatArches)
    throw new FormatError(`invalid universal file with ${n} slices`, 4);
  const esz = fat64 ? 32 : 20;
  const tab = new Fields(await readExact(src, 8, n * esz, "fat arch table"), false, 8);
  const slices: Binary[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * esz;
    const off = fat64 ? tab.u64(o + 8) : tab.u32(o + 8);
    const size = fat64 ? tab.u64(o + 16) : tab.u32(o + 12);
    if (!inFile(src.size, off, size)) throw new FormatError(`slice ${i} out of range`, 8 + o);
    slices.push(await openMacho(src, off, off + size));
  }
  const first = slices[0] as Binary;
  return { ...first, info: { ...first.info, slices: slices.map((s) => s.info) } };
}
