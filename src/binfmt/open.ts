import type { Binary, Format } from "./binary.js";
import { hasPrefix } from "./bytes.js";
import { openElf } from "./elf.js";
import { UnknownFormatError } from "./errors.js";
import { openMacho, openMachoFat } from "./macho.js";
import { PeMachine, Plan9Magic } from "./machine.js";
import { openPe } from "./pe.js";
import { openPlan9 } from "./plan9.js";
import { readUpTo } from "./source.js";
import type { ByteSource } from "./source.js";
import { openWasm } from "./wasm.js";
import { openXcoff } from "./xcoff.js";

/** MagicEntry is one row of the dispatch table: a test on the first 16 bytes and the reader to use. */
interface MagicEntry {
  format: Format;
  what: string;
  match: (b: Uint8Array) => boolean;
  open: (src: ByteSource) => Promise<Binary>;
}

const u32be = (b: Uint8Array): number =>
  (b[0] ?? 0) * 0x1000000 + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
const bytes = (...v: number[]): Uint8Array => Uint8Array.from(v);

/**
 * MagicTable is checked in order; the first match reads the file. Rows follow debug/buildinfo's
 * order, then Wasm and bare COFF objects (whose two-byte machine magic is the weakest test).
 */
export const MagicTable: readonly MagicEntry[] = [
  {
    format: "elf",
    what: "ELF",
    match: (b) => hasPrefix(b, bytes(0x7f, 0x45, 0x4c, 0x46)),
    open: openElf,
  },
  {
    format: "pe",
    what: "PE image",
    match: (b) => b[0] === 0x4d && b[1] === 0x5a,
    open: (s) => openPe(s),
  },
  {
    format: "macho",
    what: "Mach-O",
    match: (b) => hasPrefix(b, bytes(0xfe, 0xed, 0xfa)) || hasPrefix(b, bytes(0xfa, 0xed, 0xfe), 1),
    open: (s) => openMacho(s),
  },
  // 0xcafebabe is also a Java class file; those carry a version (>= 45) where Mach-O has a small slice count.
  {
    format: "macho",
    what: "Mach-O universal",
    match: (b) => (u32be(b) === 0xcafebabe || u32be(b) === 0xcafebabf) && u32be(b.subarray(4)) < 45,
    open: openMachoFat,
  },
  {
    format: "xcoff",
    what: "XCOFF",
    match: (b) => b[0] === 0x01 && (b[1] === 0xdf || b[1] === 0xf7),
    open: openXcoff,
  },
  {
    format: "plan9",
    what: "Plan 9 a.out",
    match: (b) => b.length >= 4 && Plan9Magic[u32be(b)] !== undefined,
    open: openPlan9,
  },
  {
    format: "wasm",
    what: "WebAssembly",
    match: (b) => hasPrefix(b, bytes(0x00, 0x61, 0x73, 0x6d)),
    open: openWasm,
  },
  {
    format: "pe",
    what: "COFF object",
    match: (b) =>
      b.length >= 20 &&
      PeMachine[(b[0] ?? 0) | ((b[1] ?? 0) << 8)] !== undefined &&
      b[16] === 0 &&
      b[17] === 0,
    open: (s) => openPe(s, true),
  },
];

/** detectFormat names the format of the first bytes of a file, or undefined. */
export function detectFormat(head: Uint8Array): Format | undefined {
  return MagicTable.find((m) => m.match(head))?.format;
}

/**
 * openBinary picks a reader by magic bytes and opens src. It throws UnknownFormatError for an
 * unknown magic and FormatError for a file that breaks its format's rules; any other exception
 * is a bug in a reader (the fuzz tests look for them).
 */
export async function openBinary(src: ByteSource): Promise<Binary> {
  const head = await readUpTo(src, 0, 64);
  const m = MagicTable.find((e) => e.match(head));
  if (!m) throw new UnknownFormatError();
  return m.open(src);
}
