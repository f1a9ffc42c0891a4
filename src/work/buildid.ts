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
  const zeros = Buffer.alloc(needle.length);
  const h = createHash("sha256");
  const matches: number[] = [];
  let start = 0;
  for (;;) {
    const i = data.indexOf(needle, start);
    if (i < 0) break;
    matches.push(i);
    h.update(data.subarray(start, i));
    h.update(zeros);
    start = i + needle.length;
  }
  h.update(data.subarray(start));
  return { matches, hash: h.digest() };
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
