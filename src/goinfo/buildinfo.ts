import type { Binary } from "../binfmt/binary.js";
import { ascii, indexOf, utf8String } from "../binfmt/bytes.js";
import { BuildInfoError } from "./errors.js";
import { parseModInfo } from "./modinfo.js";
import type { BuildInfo } from "./modinfo.js";

const buildInfoMagic = ascii("\xff Go buildinf:");
const buildInfoAlign = 16;
const buildInfoHeaderSize = 32;
/** searchChunkSize is how much of the data region is searched per read (debug/buildinfo uses 1 MB too). */
const searchChunkSize = 1 << 20;

/** RawBuildInfo is the build info blob before parsing: the Go version and the framed module text. */
export interface RawBuildInfo {
  goVersion: string;
  modInfo: string; // empty when the binary was not built in module mode
  addr: number; // virtual address of the blob
  inline: boolean; // Go 1.18+ inline strings (false: pre-1.18 pointers)
}

/**
 * readRawBuildInfo finds and decodes the build info blob the linker wrote, like
 * debug/buildinfo's readRawBuildInfo: a bounded chunked search of the data region, then either
 * the inline varint strings (1.18+) or the two string pointers of older releases.
 */
export async function readRawBuildInfo(bin: Binary): Promise<RawBuildInfo> {
  const ds = bin.dataStart();
  if (!ds || ds.size === 0) throw new BuildInfoError("not-go");
  const addr = await searchMagic(bin, ds.addr, ds.size);
  const header = await readData(bin, addr, buildInfoHeaderSize);
  if (header.length < buildInfoHeaderSize) throw new BuildInfoError("not-go");
  const flags = header[15] as number;
  let vers: string;
  let mod: string;
  const inline = (flags & 2) === 2;
  if (inline) {
    let next: number;
    [vers, next] = await decodeString(bin, addr + buildInfoHeaderSize);
    [mod] = await decodeString(bin, next);
  } else {
    const ptrSize = header[14] as number;
    const little = (flags & 1) === 0;
    if (ptrSize !== 4 && ptrSize !== 8) throw new BuildInfoError("not-go");
    const readPtr = (b: Uint8Array, off: number): number => {
      const v = new DataView(b.buffer, b.byteOffset + off, ptrSize);
      return ptrSize === 4 ? v.getUint32(0, little) : Number(v.getBigUint64(0, little));
    };
    const readString = async (at: number): Promise<string> => {
      const hdr = await bin.readData(at, 2 * ptrSize);
      if (!hdr || hdr.length < 2 * ptrSize) return "";
      const dataAddr = readPtr(hdr, 0);
      const dataLen = readPtr(hdr, ptrSize);
      const data = await bin.readData(dataAddr, dataLen);
      if (!data || data.length < dataLen) return "";
      return utf8String(data);
    };
    vers = await readString(readPtr(header, 16));
    mod = await readString(readPtr(header, 16 + ptrSize));
  }
  if (vers === "") throw new BuildInfoError("not-go");
  // Strip the 16-byte sentinels cmd/go's modload wraps module info in.
  if (mod.length >= 33 && mod[mod.length - 17] === "\n") mod = mod.slice(16, mod.length - 16);
  else mod = "";
  return { goVersion: vers, modInfo: mod, addr, inline };
}

/** readBuildInfo returns the parsed build info of a Go binary (debug/buildinfo.Read). */
export async function readBuildInfo(bin: Binary): Promise<BuildInfo> {
  const raw = await readRawBuildInfo(bin);
  let bi: BuildInfo;
  try {
    bi = parseModInfo(raw.modInfo);
  } catch (e) {
    throw new BuildInfoError("parse", e instanceof Error ? e.message : String(e));
  }
  bi.GoVersion = raw.goVersion;
  return bi;
}

function unmapped(bin: Binary): BuildInfoError {
  const f = bin.info.format;
  return new BuildInfoError(f === "xcoff" || f === "plan9" ? "unmapped" : "unrecognized");
}

async function readData(bin: Binary, addr: number, size: number): Promise<Uint8Array> {
  const b = await bin.readData(addr, size);
  if (b === undefined) throw unmapped(bin);
  return b;
}

async function searchMagic(bin: Binary, start0: number, size: number): Promise<number> {
  const end = start0 + size;
  if (!Number.isSafeInteger(end)) throw new BuildInfoError("unrecognized");
  let start = Math.ceil(start0 / buildInfoAlign) * buildInfoAlign;
  if (start >= end) throw new BuildInfoError("not-go");
  while (start < end) {
    const remaining = end - start;
    const chunk = Math.min(searchChunkSize, remaining);
    const data = await readData(bin, start, chunk);
    if (data.length === 0) throw new BuildInfoError("not-go");
    let from = 0;
    for (;;) {
      const i = indexOf(data, buildInfoMagic, from);
      if (i < 0) break;
      if (remaining - i < buildInfoHeaderSize) throw new BuildInfoError("not-go");
      if (i % buildInfoAlign !== 0) {
        const next = Math.ceil(i / buildInfoAlign) * buildInfoAlign;
        if (next > data.length) throw new BuildInfoError("not-go");
        from = next;
        continue;
      }
      return start + i;
    }
    start += chunk;
  }
  throw new BuildInfoError("not-go");
}

/** decodeString reads a uvarint length and that many bytes, returning the string and the next address. */
async function decodeString(bin: Binary, addr: number): Promise<[string, number]> {
  const b = await readData(bin, addr, 10);
  if (b.length === 0) throw new BuildInfoError("not-go");
  let length = 0;
  let n = 0;
  for (let shift = 0; ; shift += 7) {
    if (n >= b.length || n >= 10) throw new BuildInfoError("not-go");
    const c = b[n++] as number;
    if (n === 10 && c > 1) throw new BuildInfoError("not-go"); // overflows 64 bits
    length += (c & 0x7f) * 2 ** shift;
    if ((c & 0x80) === 0) break;
  }
  addr += n;
  if (!Number.isSafeInteger(length) || length > bin.src.size) throw new BuildInfoError("not-go");
  const data = await readData(bin, addr, length);
  if (data.length < length) throw new BuildInfoError("not-go");
  return [utf8String(data), addr + length];
}
