import { FormatError } from "./errors.js";

/**
 * ByteSource is random access to the bytes of a file: a Node file handle, a browser Blob or an
 * in-memory Uint8Array. Readers ask only for the ranges they need, so a 100 MB binary is never
 * read whole.
 */
export interface ByteSource {
  readonly size: number; // total length in bytes
  /** read returns up to len bytes at off; fewer (possibly none) at the end of the source. */
  read(off: number, len: number): Promise<Uint8Array>;
}

/** bytesSource wraps an in-memory buffer as a ByteSource. */
export function bytesSource(b: Uint8Array): ByteSource {
  return {
    size: b.length,
    read(off, len) {
      if (!(off >= 0) || !(len >= 0) || off >= b.length) return Promise.resolve(new Uint8Array(0));
      return Promise.resolve(b.subarray(off, Math.min(b.length, off + len)));
    },
  };
}

/** MaxSafe is the largest file offset readers accept; bigger claims are a FormatError. */
const MaxSafe = Number.MAX_SAFE_INTEGER;

/**
 * readExact reads exactly len bytes at off or throws a FormatError naming what was read. It
 * checks the range against the source size before reading, so a huge claimed length never
 * allocates.
 */
export async function readExact(
  src: ByteSource,
  off: number,
  len: number,
  what: string,
): Promise<Uint8Array> {
  if (
    !Number.isSafeInteger(off) ||
    !Number.isSafeInteger(len) ||
    off < 0 ||
    len < 0 ||
    off > MaxSafe - len ||
    off + len > src.size
  ) {
    throw new FormatError(
      `${what} out of range (length ${len})`,
      Number.isSafeInteger(off) ? off : -1,
    );
  }
  const b = await src.read(off, len);
  if (b.length !== len) throw new FormatError(`short read of ${what}`, off);
  return b;
}

/**
 * readUpTo reads at most len bytes at off, clamped to the source size; out-of-range offsets
 * give an empty result.
 */
export async function readUpTo(src: ByteSource, off: number, len: number): Promise<Uint8Array> {
  if (!Number.isSafeInteger(off) || off < 0 || off >= src.size || !(len > 0))
    return new Uint8Array(0);
  return src.read(off, Math.min(len, src.size - off));
}

/** inFile reports whether [off, off+len) lies inside a source of the given size. */
export function inFile(size: number, off: number, len: number): boolean {
  return (
    Number.isSafeInteger(off) &&
    Number.isSafeInteger(len) &&
    off >= 0 &&
    len >= 0 &&
    off <= size &&
    len <= size - off
  );
}

/**
 * cachedSource serves small reads from aligned blocks of src, so the dozen header reads of an
 * inspection cost a few underlying reads (one syscall each on a file handle). At most maxBlocks
 * blocks are kept (least recently used first out); reads larger than a block go straight through.
 */
export function cachedSource(src: ByteSource, blockSize = 64 << 10, maxBlocks = 16): ByteSource {
  const blocks = new Map<number, Promise<Uint8Array>>();
  const block = (i: number): Promise<Uint8Array> => {
    let b = blocks.get(i);
    if (b) {
      blocks.delete(i); // move to the back: most recently used
      blocks.set(i, b);
      return b;
    }
    b = src.read(i * blockSize, blockSize);
    blocks.set(i, b);
    if (blocks.size > maxBlocks) blocks.delete(blocks.keys().next().value as number);
    return b;
  };
  return {
    size: src.size,
    async read(off, len) {
      if (!(off >= 0) || off >= src.size || !(len > 0)) return new Uint8Array(0);
      const end = Math.min(src.size, off + len);
      if (end - off > blockSize) return src.read(off, end - off);
      const first = Math.floor(off / blockSize);
      const last = Math.floor((end - 1) / blockSize);
      if (first === last) {
        const b = await block(first);
        return b.subarray(off - first * blockSize, Math.min(b.length, end - first * blockSize));
      }
      const a = await block(first);
      const c = await block(last);
      const out = new Uint8Array(end - off);
      const head = a.subarray(off - first * blockSize);
      out.set(head);
      out.set(c.subarray(0, end - last * blockSize), head.length);
      return out.subarray(0, head.length + Math.min(c.length, end - last * blockSize));
    },
  };
}
