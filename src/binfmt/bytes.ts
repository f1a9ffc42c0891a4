import { FormatError } from "./errors.js";

/**
 * Fields is an endian-aware cursor over a header that has been read into memory. Every read
 * is bounds-checked and throws a FormatError instead of a RangeError.
 */
export class Fields {
  readonly view: DataView;
  readonly little: boolean;
  readonly base: number; // file offset of byte 0, for error positions

  constructor(b: Uint8Array, little: boolean, base = 0) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    this.little = little;
    this.base = base;
  }

  get length(): number {
    return this.view.byteLength;
  }

  private check(off: number, n: number): void {
    if (off < 0 || off + n > this.view.byteLength)
      throw new FormatError("field out of range", this.base + off);
  }

  u8(off: number): number {
    this.check(off, 1);
    return this.view.getUint8(off);
  }
  u16(off: number): number {
    this.check(off, 2);
    return this.view.getUint16(off, this.little);
  }
  u32(off: number): number {
    this.check(off, 4);
    return this.view.getUint32(off, this.little);
  }
  i32(off: number): number {
    this.check(off, 4);
    return this.view.getInt32(off, this.little);
  }
  /** u64 returns a 64-bit field as a number; values past 2^53 lose precision but stay huge. */
  u64(off: number): number {
    this.check(off, 8);
    return Number(this.view.getBigUint64(off, this.little));
  }
  /** addr reads a 4- or 8-byte unsigned field. */
  word(off: number, size: 4 | 8): number {
    return size === 8 ? this.u64(off) : this.u32(off);
  }
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

/** cString decodes a NUL-terminated string starting at off (to the end when no NUL). */
export function cString(b: Uint8Array, off = 0, max = b.length - off): string {
  if (off < 0 || off >= b.length) return "";
  const end = Math.min(b.length, off + Math.max(0, max));
  let i = off;
  while (i < end && b[i] !== 0) i++;
  return utf8.decode(b.subarray(off, i));
}

/** rawString decodes bytes one char per byte, as Go's string(b) keeps them for comparison. */
export function rawString(b: Uint8Array): string {
  return latin1.decode(b);
}

/** utf8String decodes bytes as UTF-8, replacing invalid sequences. */
export function utf8String(b: Uint8Array): string {
  return utf8.decode(b);
}

/** indexOf finds needle in hay starting at from, or -1. */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const n = needle.length;
  if (n === 0) return from;
  const first = needle[0];
  const last = hay.length - n;
  for (let i = Math.max(0, from); i <= last; i++) {
    i = hay.indexOf(first as number, i);
    if (i < 0 || i > last) return -1;
    let j = 1;
    while (j < n && hay[i + j] === needle[j]) j++;
    if (j === n) return i;
  }
  return -1;
}

/** hasPrefix reports whether b starts with p. */
export function hasPrefix(b: Uint8Array, p: Uint8Array, at = 0): boolean {
  if (b.length - at < p.length) return false;
  for (let i = 0; i < p.length; i++) if (b[at + i] !== p[i]) return false;
  return true;
}

/** ascii turns a string of code points < 256 into bytes. */
export function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}
