import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

/**
 * Damage is a cache file whose contents fail their integrity check: it is read as a miss,
 * removed, and reported once (src/cli prints it as one line naming the file).
 */
export interface Damage {
  file: string;
  reason: string; // what is wrong, e.g. "checksum mismatch"
}

/** DamageListener receives each damaged cache file found. */
export type DamageListener = (d: Damage) => void;

/** Unsealed is what {@link unseal} makes of a file: its body, a reason it is damaged, or stale. */
export type Unsealed = { body: string } | { damaged: string } | { stale: true };

function sum(body: string): string {
  return createHash("sha256").update(body).digest("hex");
}

/**
 * seal frames body for a cache metadata file: a first line with the format's name and the
 * sha256 of body, then body. Every piece of metadata crossgo keeps (action index entries,
 * remembered file hashes and tool versions, the loader's answers) is sealed, so an edit that
 * keeps the file's size and time stamps (one changed hex digit of a build ID) is noticed:
 * damaged metadata is a miss, never different bytes.
 */
export function seal(format: string, body: string): string {
  return `${format} ${sum(body)}\n${body}`;
}

/**
 * unseal checks a file written by {@link seal} with format. A file that starts with one of
 * legacy (what an older crossgo wrote there) is stale: a silent miss, not damage.
 */
export function unseal(format: string, text: string, legacy: readonly string[] = []): Unsealed {
  if (legacy.some((p) => text.startsWith(p))) return { stale: true };
  const nl = text.indexOf("\n");
  if (nl < 0) return { damaged: "truncated: no header line" };
  const [name, checksum] = text.slice(0, nl).split(" ");
  if (name !== format) return { damaged: `not a ${format} file` };
  const body = text.slice(nl + 1);
  if (checksum !== sum(body)) return { damaged: "checksum mismatch" };
  return { body };
}

/**
 * readSealed reads and unseals file: an absent or unreadable file is stale (a plain miss),
 * like one in an older format.
 */
export function readSealed(file: string, format: string, legacy: readonly string[] = []): Unsealed {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { stale: true };
  }
  return unseal(format, text, legacy);
}

/** TEMP_MARK is in the name of every temporary file the cache writes (see {@link tempName}). */
export const TEMP_MARK = ".tmp-";

/** tempName is a fresh temporary name beside path: <path>.tmp-<pid>-<random>. */
export function tempName(path: string): string {
  return `${path}${TEMP_MARK}${String(process.pid)}-${randomBytes(4).toString("hex")}`;
}

/**
 * writeAtomic writes data to path through a temporary name in the same directory and renames
 * it into place, so a process killed at any point leaves the old file or the new one. When a
 * step fails (ENOSPC, EROFS, a rename onto a directory) the temporary file is removed and the
 * error is thrown. No fsync, as in cmd/go's cache: a killed process cannot lose written data,
 * and after a power loss a short or zeroed file fails its check and reads as a miss.
 */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  const fd = openSync(tmp, "w", 0o644);
  try {
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
