import { readMapped } from "./addrmap.js";
import type { Region } from "./addrmap.js";
import type { Binary, BinaryInfo, NeededLibrary, Section } from "./binary.js";
import { utf8String } from "./bytes.js";
import { FormatError } from "./errors.js";
import { inFile, readExact, readUpTo } from "./source.js";
import type { ByteSource } from "./source.js";

const WasmSectionNames: readonly string[] = [
  "custom",
  "type",
  "import",
  "function",
  "table",
  "memory",
  "global",
  "export",
  "start",
  "element",
  "code",
  "data",
  "datacount",
  "tag",
];

/** WasmImportModule maps the import module of a Go program to its GOOS. */
const WasmImportModule: Readonly<Record<string, string>> = {
  gojs: "js", // syscall/js glue, wasm_exec.js
  wasi_snapshot_preview1: "wasip1",
};

/** MaxSections bounds how many sections a module may claim; Go's linker writes about 20. */
const MaxSections = 100_000;

/** Leb is a little LEB128 cursor over a byte buffer; overruns are FormatErrors. */
class Leb {
  pos = 0;
  constructor(
    readonly b: Uint8Array,
    readonly base: number,
  ) {}
  byte(): number {
    if (this.pos >= this.b.length)
      throw new FormatError("unexpected end of wasm section", this.base + this.pos);
    return this.b[this.pos++] as number;
  }
  u32(): number {
    let v = 0;
    let shift = 0;
    for (;;) {
      const c = this.byte();
      v += (c & 0x7f) * 2 ** shift;
      if ((c & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new FormatError("LEB128 too long", this.base + this.pos);
    }
    return v;
  }
  s64(): number {
    let v = 0n;
    let shift = 0n;
    let c: number;
    do {
      c = this.byte();
      v |= BigInt(c & 0x7f) << shift;
      shift += 7n;
      if (shift > 70n) throw new FormatError("LEB128 too long", this.base + this.pos);
    } while (c & 0x80);
    if (c & 0x40) v -= 1n << shift;
    return Number(BigInt.asIntN(64, v));
  }
  bytes(n: number): Uint8Array {
    if (n > this.b.length - this.pos)
      throw new FormatError("wasm vector past end of section", this.base + this.pos);
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  name(): string {
    return utf8String(this.bytes(this.u32()));
  }
}

/** openWasm reads a WebAssembly module's section table, imports and data segments. */
export async function openWasm(src: ByteSource): Promise<Binary> {
  const hdr = await readExact(src, 0, 8, "wasm header");
  if (hdr[4] !== 1 || hdr[5] !== 0 || hdr[6] !== 0 || hdr[7] !== 0)
    throw new FormatError("unsupported wasm version", 4);
  const sections: Section[] = [];
  const needed: NeededLibrary[] = [];
  const first: Region[] = [];
  let dataSection: { body: number; size: number } | undefined;
  let all: Promise<Region[]> | undefined;
  let off = 8;
  while (off < src.size) {
    if (sections.length >= MaxSections) throw new FormatError("too many wasm sections", off);
    const h = new Leb(await readUpTo(src, off, 6), off);
    const id = h.byte();
    const size = h.u32();
    const body = off + h.pos;
    if (!inFile(src.size, body, size))
      throw new FormatError(`wasm section ${id} out of range (${size} bytes)`, off);
    let name = WasmSectionNames[id] ?? `section-${id}`;
    if (id === 0) {
      const c = new Leb(await readUpTo(src, body, Math.min(size, 5 + 256)), body);
      name = c.name();
    } else if (id === 2) {
      parseImports(new Leb(await readExact(src, body, size, "import section"), body), needed);
    } else if (id === 11) {
      dataSection = { body, size };
      await parseData(src, body, size, first, 1); // the rest only when readData needs it
    }
    sections.push({ name, addr: 0, size, offset: body, fileSize: size });
    off = body + size;
  }
  const goos = needed.map((n) => WasmImportModule[n.name]).find((g) => g !== undefined);
  const info: BinaryInfo = {
    format: "wasm",
    kind: sections.some((s) => s.name === "linking") ? "object" : "exe", // the tool-conventions "linking" section marks relocatable objects
    class: 32,
    byteOrder: "little",
    machine: "wasm32",
    goarch: "wasm",
    goos,
    entry: 0,
    sections,
    segments: [],
    hasSymbols: sections.some((s) => s.name === "name"),
    hasDWARF: sections.some((s) => s.name.startsWith(".debug_")),
    static: false,
    needed,
  };
  const id = sections.find((s) => s.name === "go:buildid");
  return {
    info,
    src,
    dataStart() {
      // Build info, if a linker ever writes it, sits at the start of data: search the first segment.
      const r = first[0];
      return r ? { addr: r.addr, size: r.fileSize } : undefined;
    },
    async readData(addr, size) {
      const hit = await readMapped(src, first, addr, size);
      if (hit || !dataSection) return hit;
      const d = dataSection;
      all ??= (async () => {
        const regions: Region[] = [];
        await parseData(src, d.body, d.size, regions, Infinity);
        return regions;
      })();
      return readMapped(src, await all, addr, size);
    },
    textRange: () => (id ? { addr: id.offset, size: id.size } : undefined),
    relocations: () => Promise.resolve([]),
  };
}

function parseImports(r: Leb, out: NeededLibrary[]): void {
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const mod = r.name();
    const field = r.name();
    const kind = r.byte();
    switch (kind) {
      case 0:
        r.u32();
        break; // function type index
      case 1:
        r.byte();
        limits(r);
        break; // table
      case 2:
        limits(r);
        break; // memory
      case 3:
        r.byte();
        r.byte();
        break; // global type, mutability
      case 4:
        r.byte();
        r.u32();
        break; // tag
      default:
        throw new FormatError(`unknown wasm import kind ${kind}`, r.base + r.pos);
    }
    let lib = out.find((l) => l.name === mod);
    if (!lib) {
      lib = { name: mod, versions: [], symbols: [] };
      out.push(lib);
    }
    lib.symbols?.push(field);
  }
}

function limits(r: Leb): void {
  const flag = r.byte();
  r.u32();
  if (flag & 1) r.u32();
}

/** parseData maps each active data segment's memory address onto its bytes in the file. */
async function parseData(
  src: ByteSource,
  body: number,
  size: number,
  regions: Region[],
  limit: number,
): Promise<void> {
  let pos = body;
  const end = body + size;
  // Segment headers are read through a 64 KiB window: Go writes thousands of small segments.
  let win: Uint8Array = new Uint8Array(0);
  let winOff = 0;
  const head = async () => {
    const want = Math.min(32, end - pos);
    if (pos < winOff || pos + want > winOff + win.length) {
      winOff = pos;
      win = await readUpTo(src, pos, Math.min(64 << 10, end - pos));
    }
    return new Leb(win.subarray(pos - winOff, pos - winOff + want), pos);
  };
  let r = await head();
  const n = r.u32();
  pos += r.pos;
  for (let i = 0; i < n && pos < end && regions.length < limit; i++) {
    r = await head();
    const flags = r.u32();
    let addr = -1;
    if (flags === 0 || flags === 2) {
      if (flags === 2) r.u32();
      const op = r.byte();
      if (op === 0x41)
        addr = r.s64(); // i32.const
      else if (op === 0x42)
        addr = r.s64(); // i64.const
      else
        throw new FormatError(
          `unsupported wasm data offset opcode 0x${op.toString(16)}`,
          pos + r.pos,
        );
      if (r.byte() !== 0x0b) throw new FormatError("wasm data offset not terminated", pos + r.pos);
    } else if (flags !== 1) throw new FormatError(`unknown wasm data segment flags ${flags}`, pos);
    const len = r.u32();
    const dataOff = pos + r.pos;
    if (len > end - dataOff)
      throw new FormatError("wasm data segment past end of section", dataOff);
    if (addr >= 0) regions.push({ addr, offset: dataOff, fileSize: len });
    pos = dataOff + len;
  }
}
