import { createHash } from "node:crypto";

/** hashToString is cmd/internal/buildid.HashToString: base64url of the first 15 bytes (20 chars). */
export function hashToString(hash: Uint8Array): string {
  return Buffer.from(hash.subarray(0, 15)).toString("base64url");
}

/** shortID turns a 64-hex-digit action or output ID into a 20-character build ID component. */
export function shortID(hex: string): string {
  return hashToString(Buffer.from(hex, "hex"));
}

/**
 * findAndHash is cmd/internal/buildid.FindAndHash over an in-memory file: the offsets of
 * every occurrence of id, and the sha256 of data with those occurrences replaced by zeros.
 */
export function findAndHash(data: Buffer, id: string): { matches: number[]; hash: Buffer } {
  const needle = Buffer.from(id, "latin1");
  const matches: number[] = [];
  for (let i = data.indexOf(needle); i >= 0; i = data.indexOf(needle, i + needle.length))
    matches.push(i);
  // Hash a copy with the ID zeroed and the host build ID (GNU build-id note, which the
  // linker derives from the Go build ID) excluded, as FindAndHash's excludeHostBuildID does.
  const copy = Buffer.from(data);
  for (const m of matches) copy.fill(0, m, m + needle.length);
  const host = elfHostBuildID(data);
  if (host) copy.fill(0, host.offset, host.offset + host.size);
  return { matches, hash: createHash("sha256").update(copy).digest() };
}

/**
 * elfHostBuildID locates the descriptor of an ELF file's .note.gnu.build-id section (after
 * the 16-byte note header and "GNU\0"), or undefined if data is not ELF or has none.
 * Every offset read from the file is bounds-checked.
 */
export function elfHostBuildID(data: Buffer): { offset: number; size: number } | undefined {
  if (data.length < 64 || data.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = data[4] === 2;
  const le = data[5] === 1;
  const u16 = (o: number) => (le ? data.readUInt16LE(o) : data.readUInt16BE(o));
  const u32 = (o: number) => (le ? data.readUInt32LE(o) : data.readUInt32BE(o));
  const uword = (o: number) =>
    is64 ? Number(le ? data.readBigUInt64LE(o) : data.readBigUInt64BE(o)) : u32(o);
  const shoff = uword(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const shstrndx = u16(is64 ? 0x3e : 0x32);
  const need = is64 ? 0x40 : 0x28;
  if (shentsize < need || shnum === 0 || shoff + shnum * shentsize > data.length) return undefined;
  const sect = (i: number) => {
    const b = shoff + i * shentsize;
    return {
      name: u32(b),
      offset: uword(b + (is64 ? 0x18 : 0x10)),
      size: uword(b + (is64 ? 0x20 : 0x14)),
    };
  };
  if (shstrndx >= shnum) return undefined;
  const strtab = sect(shstrndx);
  if (strtab.offset + strtab.size > data.length) return undefined;
  const want = Buffer.from(".note.gnu.build-id\0", "latin1");
  for (let i = 0; i < shnum; i++) {
    const s = sect(i);
    const n = strtab.offset + s.name;
    if (
      n + want.length > strtab.offset + strtab.size ||
      !data.subarray(n, n + want.length).equals(want)
    )
      continue;
    if (s.size < 16 || s.offset + s.size > data.length) return undefined;
    return { offset: s.offset + 16, size: s.size - 16 };
  }
  return undefined;
}

/** isMachO reports whether data starts like a 32/64-bit Mach-O or a fat binary. */
export function isMachO(data: Uint8Array): boolean {
  if (data.length < 4) return false;
  const m =
    ((data[0] ?? 0) << 24) | ((data[1] ?? 0) << 16) | ((data[2] ?? 0) << 8) | (data[3] ?? 0);
  return [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(m >>> 0);
}

/**
 * rewriteBuildID replaces the last "/"-separated component of id, wherever it occurs in
 * data, with the content hash of data (cmd/go's updateBuildID), and returns the new ID.
 * Mach-O files are left alone: their ad-hoc code signature covers the bytes, and the
 * action-derived ID they carry is already unique. data is modified in place.
 */
export function rewriteBuildID(data: Buffer, id: string): string {
  if (id === "" || isMachO(data)) return id;
  const { matches, hash } = findAndHash(data, id);
  const newID = id.slice(0, id.lastIndexOf("/") + 1) + hashToString(hash);
  const b = Buffer.from(newID, "latin1");
  for (const off of matches) b.copy(data, off);
  return newID;
}
