import type { Region } from "./addrmap.js";
import { readMapped } from "./addrmap.js";
import type { Binary, BinaryInfo, Section } from "./binary.js";
import { Fields } from "./bytes.js";
import { FormatError } from "./errors.js";
import { Plan9Magic } from "./machine.js";
import { readExact } from "./source.js";
import type { ByteSource } from "./source.js";

/** openPlan9 reads a Plan 9 a.out: a 32-byte big-endian header (40 with the 64-bit entry). */
export async function openPlan9(src: ByteSource): Promise<Binary> {
  const h = new Fields(await readExact(src, 0, 32, "Plan 9 header"), false);
  const magic = h.u32(0);
  const m = Plan9Magic[magic];
  if (!m) throw new FormatError(`unknown Plan 9 magic 0x${magic.toString(16)}`, 0);
  let entry = h.u32(20);
  let hdr = 32;
  if (magic & 0x8000) {
    entry = new Fields(await readExact(src, 32, 8, "Plan 9 64-bit entry"), false, 32).u64(0);
    hdr = 40;
  }
  const sizes: [string, number][] = [
    ["text", h.u32(4)],
    ["data", h.u32(8)],
    ["syms", h.u32(16)],
    ["spsz", h.u32(24)],
    ["pcsz", h.u32(28)],
  ];
  const sections: Section[] = [];
  let off = hdr;
  for (const [name, size] of sizes) {
    // debug/plan9obj addresses sections by file offset; build info search relies on that.
    sections.push({ name, addr: off, size, offset: off, fileSize: size });
    off += size;
  }
  if (off > src.size)
    throw new FormatError(`Plan 9 sections end past the file (${off} > ${src.size})`, 4);
  const regions: Region[] = sections.map((s) => ({
    addr: s.offset,
    offset: s.offset,
    fileSize: s.size,
  }));
  const info: BinaryInfo = {
    format: "plan9",
    kind: "exe",
    class: m.class,
    byteOrder: "big",
    machine: m.name,
    goarch: m.goarch,
    goos: "plan9",
    entry,
    sections,
    segments: [],
    hasSymbols: (sizes[2]?.[1] ?? 0) > 0,
    hasDWARF: false,
    static: true,
    needed: [],
  };
  return {
    info,
    src,
    dataStart() {
      const d = sections[1] as Section;
      return { addr: d.offset, size: d.size };
    },
    readData: (addr, size) => readMapped(src, regions, addr, size),
    textRange: () => ({ addr: hdr, size: sizes[0]?.[1] ?? 0 }),
    relocations: () => Promise.resolve([]),
  };
}
