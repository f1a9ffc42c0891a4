import type { ByteSource } from "./source.js";

/** Format is the container format of a binary, one per reader. */
export type Format = "elf" | "pe" | "macho" | "wasm" | "xcoff" | "plan9";

/** ByteOrder is the byte order of a binary's fields. */
export type ByteOrder = "little" | "big";

/** Kind says what a binary is for: a program, a position-independent program, a library or an object. */
export type Kind = "exe" | "pie" | "shared" | "object" | "unknown";

/** Section is one section (or Wasm section, Plan 9 segment) of a binary. */
export interface Section {
  name: string;
  addr: number; // virtual address (0 when not loaded)
  size: number; // size in memory
  offset: number; // file offset of the contents
  fileSize: number; // bytes present in the file (0 for bss-like sections)
}

/** Segment is one loadable region (ELF program header, Mach-O segment). */
export interface Segment {
  name: string; // Mach-O segment name, ELF program header type (PT_LOAD, ...)
  addr: number;
  memSize: number;
  offset: number;
  fileSize: number;
  flags: string; // "rwx" with dashes, as readelf shows them
}

/** NeededLibrary is one shared library (or Wasm import module) a binary asks for at load time. */
export interface NeededLibrary {
  name: string; // ELF DT_NEEDED, PE DLL, Mach-O dylib path, Wasm import module
  versions: string[]; // ELF symbol versions required from it (GLIBC_2.34, ...), sorted
  symbols?: string[]; // Wasm imported names, PE imported functions (when cheap to read)
}

/** Relocation is one relocation entry of a relocatable object. */
export interface Relocation {
  section: string; // relocation section (".rela.text") or the COFF section it applies to
  offset: number; // place to patch, relative to the target section
  type: number; // raw relocation type
  typeName: string; // Go-style name (R_X86_64_PC32), or "R_<arch>_<n>" when unknown
  symbol: string; // symbol name ("" for none; section name for section symbols)
  addend?: number; // RELA addend
}

/** BinaryInfo is what a reader tells about a binary without Go-specific knowledge. */
export interface BinaryInfo {
  format: Format;
  kind: Kind;
  class: 32 | 64;
  byteOrder: ByteOrder;
  machine: string; // the format's own machine name (EM_X86_64, IMAGE_FILE_MACHINE_AMD64, CPU_TYPE_ARM64, ...)
  goarch?: string; // GOARCH the machine maps to
  goos?: string; // GOOS when the format says (OS/ABI, notes, interpreter, platform, subsystem)
  goosCandidates?: string[]; // every GOOS the format is consistent with, when it cannot tell them apart
  entry: number;
  sections: Section[];
  segments: Segment[];
  hasSymbols: boolean; // a symbol table is present (not stripped with -s)
  hasDWARF: boolean; // DWARF sections are present (not stripped with -w)
  static: boolean; // needs no dynamic loader
  interp?: string; // ELF PT_INTERP, Mach-O LC_LOAD_DYLINKER
  needed: NeededLibrary[];
  codeSignature?: boolean; // Mach-O: LC_CODE_SIGNATURE present
  platform?: string; // Mach-O LC_BUILD_VERSION / LC_VERSION_MIN_* platform (macos, ios, ...)
  minOS?: string; // Mach-O minimum OS version
  subsystem?: string; // PE optional-header subsystem (console, windows-gui, ...)
  slices?: BinaryInfo[]; // Mach-O universal file: every slice
}

/** DataRange is a virtual address range. */
export interface DataRange {
  addr: number;
  size: number;
}

/**
 * Binary is an opened binary: its description plus the two primitives Go's debug/buildinfo
 * needs over any format.
 */
export interface Binary {
  readonly info: BinaryInfo;
  readonly src: ByteSource;
  /**
   * dataStart returns where the Go linker puts build info: a named section (.go.buildinfo,
   * __go_buildinfo) or the first writable data section; undefined when there is none.
   */
  dataStart(): DataRange | undefined;
  /**
   * readData reads up to size bytes at virtual address addr, never past the end of the file-backed
   * region that contains addr; undefined when no region contains addr.
   */
  readData(addr: number, size: number): Promise<Uint8Array | undefined>;
  /** textStart returns the file range that starts the text (code) section, where non-ELF build IDs live. */
  textRange?(): DataRange | undefined;
  /** relocations lists the relocations of a relocatable object (empty for executables). */
  relocations(): Promise<Relocation[]>;
}
