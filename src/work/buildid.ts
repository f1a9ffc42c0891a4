// Build IDs in outputs: finding and rewriting the ID the linker wrote (ELF notes, Mach-O
// UUID and code signature), as cmd/go's work/buildid.go updates them.

import { createHash } from "node:crypto";

/** hashToString is cmd/internal/buildid.HashToString: base64url of the first 15 bytes (20 chars). */
export function hashToString(hash: Uint8Array): string {
  return Buffer.from(hash.subarray(0, 15)).toString("base64url");
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
  // Hash data with the ID zeroed and the host build ID (GNU build-id note, which the linker
  // derives from the Go build ID) excluded, as FindAndHash's excludeHostBuildID does. The
  // Mach-O code signature hashes the whole file, so the file's hash leaves it out too.
  const zeroed: [number, number][] = matches.map((m) => [m, m + needle.length]);
  for (const r of [elfHostBuildID(data) ?? machoUUID(data), machoCodeSignature(data)])
    if (r) zeroed.push([r.offset, r.offset + r.size]);
  zeroed.sort((x, y) => x[0] - y[0]);
  const h = createHash("sha256");
  let pos = 0;
  for (const [start, end] of zeroed) {
    if (end <= pos) continue;
    const from = Math.max(start, pos);
    if (from > pos) h.update(data.subarray(pos, from));
    h.update(Buffer.alloc(end - from));
    pos = end;
  }
  h.update(data.subarray(pos));
  return { matches, hash: h.digest() };
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

/**
 * rewriteBuildID replaces the last "/"-separated component of id, wherever it occurs in
 * data, with the content hash of data (cmd/go's updateBuildID). It returns the new ID and the
 * offsets where it was written. A Mach-O file's ad-hoc code signature is recomputed
 * afterwards. data is modified in place.
 */
export function rewriteBuildID(data: Buffer, id: string): { id: string; offsets: number[] } {
  if (id === "") return { id, offsets: [] };
  const { matches, hash } = findAndHash(data, id);
  const newID = id.slice(0, id.lastIndexOf("/") + 1) + hashToString(hash);
  const b = Buffer.from(newID, "latin1");
  for (const off of matches) b.copy(data, off);
  if (matches.length > 0) resignMachO(data);
  return { id: newID, offsets: matches };
}

/** machoLoadCommand finds load command cmd of a 64-bit little-endian Mach-O file. */
function machoLoadCommand(
  data: Buffer,
  want: number,
): { offset: number; size: number } | undefined {
  if (data.length < 32 || data.readUInt32LE(0) !== 0xfeedfacf) return undefined;
  const ncmds = data.readUInt32LE(16);
  let off = 32;
  for (let i = 0; i < ncmds && off + 8 <= data.length; i++) {
    const cmd = data.readUInt32LE(off);
    const size = data.readUInt32LE(off + 4);
    if (size < 8 || off + size > data.length) return undefined;
    if (cmd === want) return { offset: off, size };
    off += size;
  }
  return undefined;
}

/** machoUUID locates the LC_UUID data (the host build ID the linker derives from Go's). */
export function machoUUID(data: Buffer): { offset: number; size: number } | undefined {
  const c = machoLoadCommand(data, 0x1b);
  return c ? { offset: c.offset + 8, size: c.size - 8 } : undefined;
}

/**
 * machoCodeSignature locates the LC_CODE_SIGNATURE data of a 64-bit little-endian Mach-O
 * file (what the Go linker writes for darwin and ios), or undefined.
 */
export function machoCodeSignature(data: Buffer): { offset: number; size: number } | undefined {
  const c = machoLoadCommand(data, 0x1d);
  if (!c || c.size < 16) return undefined;
  const dataoff = data.readUInt32LE(c.offset + 8);
  const datasize = data.readUInt32LE(c.offset + 12);
  return dataoff + datasize <= data.length ? { offset: dataoff, size: datasize } : undefined;
}

/**
 * resignMachO recomputes the page hashes of the ad-hoc signature's CodeDirectory after the
 * build ID changed (codesign.Sign over the same layout, as buildid.Rewrite does).
 */
export function resignMachO(data: Buffer): void {
  const sig = machoCodeSignature(data);
  if (!sig || sig.size < 12 || data.readUInt32BE(sig.offset) !== 0xfade0cc0) return;
  const count = data.readUInt32BE(sig.offset + 8);
  for (let i = 0; i < count; i++) {
    const idx = sig.offset + 12 + 8 * i;
    if (idx + 8 > sig.offset + sig.size) return;
    if (data.readUInt32BE(idx) !== 0) continue; // CSSLOT_CODEDIRECTORY
    const cd = sig.offset + data.readUInt32BE(idx + 4);
    if (cd + 40 > data.length || data.readUInt32BE(cd) !== 0xfade0c02) return;
    const hashOffset = data.readUInt32BE(cd + 16);
    const nSlots = data.readUInt32BE(cd + 28);
    const codeLimit = data.readUInt32BE(cd + 32);
    const hashSize = data[cd + 36] ?? 0;
    const pageSize = 1 << (data[cd + 39] ?? 12);
    if (hashSize !== 32 || codeLimit > data.length || cd + hashOffset + nSlots * 32 > data.length)
      return;
    for (let p = 0; p < nSlots; p++) {
      const start = p * pageSize;
      const h = createHash("sha256")
        .update(data.subarray(start, Math.min(start + pageSize, codeLimit)))
        .digest();
      h.copy(data, cd + hashOffset + p * 32);
    }
  }
}
