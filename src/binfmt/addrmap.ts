import { readUpTo } from "./source.js";
import type { ByteSource } from "./source.js";

/** Region maps a virtual address range onto bytes of the file. */
export interface Region {
  addr: number; // first virtual address
  offset: number; // file offset of addr
  fileSize: number; // bytes backed by the file
  skip?: boolean; // present but never read (Mach-O __PAGEZERO)
}

/** MaxRead caps a single readData call; build info strings are far smaller. */
const MaxRead = 64 << 20;

/**
 * readMapped reads up to size bytes at addr from the first region containing it, never past that
 * region's file-backed end (Go's DataReader semantics); undefined when no region contains addr.
 */
export async function readMapped(
  src: ByteSource,
  regions: readonly Region[],
  addr: number,
  size: number,
): Promise<Uint8Array | undefined> {
  for (const r of regions) {
    if (r.fileSize <= 0 || !(r.addr <= addr && addr <= r.addr + r.fileSize - 1)) continue;
    if (r.skip) continue;
    const remaining = r.addr + r.fileSize - addr;
    const n = Math.min(size, remaining, MaxRead);
    return readUpTo(src, r.offset + (addr - r.addr), n);
  }
  return undefined;
}
