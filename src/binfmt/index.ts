/**
 * Package binfmt reads what cmd/link writes (ELF, PE/COFF, Mach-O and universal files, Wasm,
 * XCOFF, Plan 9 a.out) from a byte source, in pure TypeScript that also runs in a browser.
 */
export { openBinary, detectFormat, MagicTable } from "./open.js";
export { bytesSource, cachedSource, type ByteSource } from "./source.js";
export type {
  Binary,
  BinaryInfo,
  Format,
  ByteOrder,
  Kind,
  Section,
  Segment,
  NeededLibrary,
  Relocation,
  DataRange,
} from "./binary.js";
export { FormatError, UnknownFormatError } from "./errors.js";
