import { Fields, ascii, hasPrefix, indexOf, rawString } from "../binfmt/bytes.js";
import { openMacho } from "../binfmt/macho.js";
import { readUpTo } from "../binfmt/source.js";
import type { ByteSource } from "../binfmt/source.js";
import { BuildIDError } from "./errors.js";
import { goUnquote } from "./quote.js";

const goBuildPrefix = ascii('\xff Go build ID: "');
const goBuildEnd = ascii('"\n \xff');
/** readSize is how much of the file start holds the build ID (cmd/internal/buildid reads 32 KiB). */
const readSize = 32 * 1024;
const elfGoNote = ascii("Go\x00\x00");
const elfGNUNote = ascii("GNU\x00");
const machoMagics = [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe];

/**
 * readBuildID returns a file's Go build ID as `go tool buildid` prints it: the ELF Go note (or
 * the GNU build ID note), the quoted `\xff Go build ID: "..."` string near the start of other
 * binaries and Mach-O text, or the `build id` line of a Go package archive. An empty string
 * means the file has none.
 */
export async function readBuildID(src: ByteSource): Promise<string> {
  const head = await readUpTo(src, 0, readSize);
  const s8 = rawString(head.subarray(0, 8));
  if (s8 === "!<arch>\n") return readArchive(head);
  if (hasPrefix(head, ascii("\x7fELF"))) return readElfNote(src, head);
  const m =
    head.length >= 4 ? new DataView(head.buffer, head.byteOffset, 4).getUint32(0, false) : 0;
  if (machoMagics.includes(m)) {
    const raw = readRaw(head);
    if (raw !== "") return raw;
    const bin = await openMacho(src);
    const text = bin.textRange?.();
    if (!text) throw new BuildIDError("cannot find __text section");
    return readRaw(await readUpTo(src, text.addr, Math.min(text.size, readSize)));
  }
  return readRaw(head);
}

/** readRaw finds the quoted build ID string in data ("" when absent). */
export function readRaw(data: Uint8Array): string {
  const i = indexOf(data, goBuildPrefix);
  if (i < 0) return "";
  const j = indexOf(data, goBuildEnd, i + goBuildPrefix.length);
  if (j < 0) throw new BuildIDError();
  const quoted = rawString(data.subarray(i + goBuildPrefix.length - 1, j + 1));
  const id = goUnquote(quoted);
  if (id === undefined) throw new BuildIDError();
  return id;
}

function readArchive(head: Uint8Array): string {
  const lines = rawString(head).split("\n");
  if (
    lines[0] !== "!<arch>" ||
    !lines[1]?.startsWith("__.PKGDEF") ||
    !lines[2]?.startsWith("go object ")
  )
    return "";
  if (lines.length < 5 || !lines[3]?.startsWith("build id ")) return "";
  return goUnquote(lines[3].slice(9)) ?? "";
}

/** readElfNote scans PT_NOTE segments for the Go build ID note (type 4), else the GNU one (type 3). */
async function readElfNote(src: ByteSource, head: Uint8Array): Promise<string> {
  const c64 = head[4] === 2;
  const little = head[5] === 1;
  if (head.length < (c64 ? 64 : 52)) throw new BuildIDError("ELF header truncated");
  const h = new Fields(head, little);
  const phoff = c64 ? h.u64(32) : h.u32(28);
  const phentsize = h.u16(c64 ? 54 : 42);
  const phnum = h.u16(c64 ? 56 : 44);
  const want = c64 ? 56 : 32;
  if (phnum > 0 && (phentsize < want || phoff + phnum * phentsize > head.length))
    throw new BuildIDError("program headers outside the first 32 KiB");
  let gnu = "";
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    const type = h.u32(o);
    const off = c64 ? h.u64(o + 8) : h.u32(o + 4);
    const filesz = c64 ? h.u64(o + 32) : h.u32(o + 16);
    const align = c64 ? h.u64(o + 48) : h.u32(o + 28);
    if (type !== 4 || filesz < 16) continue;
    let note =
      off + filesz < head.length
        ? head.subarray(off, off + filesz)
        : await readUpTo(src, off, Math.min(filesz, 1 << 20));
    if (note.length < Math.min(filesz, 1 << 20)) throw new BuildIDError("unexpected EOF");
    let left = filesz;
    let pos = off;
    while (left >= 16 && note.length >= 16) {
      const f = new Fields(note, little);
      const nameSize = f.u32(0);
      const valSize = f.u32(4);
      const tag = f.u32(8);
      const name = note.subarray(12, 16);
      const fits = 16 + valSize <= note.length;
      if (nameSize === 4 && fits && tag === 4 && hasPrefix(name, elfGoNote))
        return rawString(note.subarray(16, 16 + valSize));
      if (nameSize === 4 && fits && tag === 3 && hasPrefix(name, elfGNUNote))
        gnu = rawString(note.subarray(16, 16 + valSize));
      let notesz = 12 + align4(nameSize) + align4(valSize);
      if (left <= notesz) break;
      pos += notesz;
      if (align !== 0) {
        const aligned = Math.ceil(pos / align) * align;
        notesz += aligned - pos;
        pos = aligned;
      }
      left -= notesz;
      note = note.subarray(notesz);
    }
  }
  return gnu;
}

const align4 = (n: number): number => Math.ceil(n / 4) * 4;
