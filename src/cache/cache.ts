import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ErrorKind } from "../errors.js";

/**
 * CacheEntry is what the cache remembers for one action ID: the content hash (output ID) of
 * the action's single output file, its size, and small metadata (tool output, build ID).
 */
export interface CacheEntry {
  actionID: string; // 64 hex digits
  outputID: string; // sha256 of the output, 64 hex digits
  size: number;
  meta: Record<string, string>;
  path: string; // where the output's bytes live in the cache
}

/** CacheStats summarizes the cache's contents. */
export interface CacheStats {
  dir: string;
  entries: number; // action index files
  outputs: number; // content files
  bytes: number; // total size of both
}

/** CacheError is a cache directory that cannot be used at all (not a corrupt entry: that is a miss). */
export class CacheError extends Error {
  override name = "CacheError";
  readonly kind: ErrorKind = "failure";
}

const hexID = /^[0-9a-f]{64}$/;
const FORMAT = "crossgo-cache-v1";

/** defaultCacheDir is $CROSSGO_CACHE, else $XDG_CACHE_HOME/crossgo, else ~/.cache/crossgo. */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  if (env.CROSSGO_CACHE) return env.CROSSGO_CACHE;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "crossgo");
  return join(homedir(), ".cache", "crossgo");
}

/**
 * Cache is a content-addressed store of action outputs on disk, in the manner of cmd/go's
 * cache: `<dir>/<xx>/<actionID>-a` names the output, `<dir>/<xx>/<outputID>-d` holds its
 * bytes. Every file is written to a temporary name and renamed into place, so a process
 * killed at any point leaves either the old state or the new one; a damaged or truncated
 * entry reads as a miss.
 */
export class Cache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new CacheError(`cannot create cache directory ${dir}: ${(e as Error).message}`);
    }
  }

  private file(id: string, suffix: "a" | "d"): string {
    return join(this.dir, id.slice(0, 2), `${id}-${suffix}`);
  }

  /** outputPath is where the bytes with content hash outputID are stored. */
  outputPath(outputID: string): string {
    return this.file(outputID, "d");
  }

  /**
   * get returns the entry for actionID, or undefined on a miss. The output's size is checked;
   * its content is checked by {@link verify} when the bytes are about to be used.
   */
  get(actionID: string): CacheEntry | undefined {
    if (!hexID.test(actionID)) return undefined;
    let text: string;
    try {
      text = readFileSync(this.file(actionID, "a"), "utf8");
    } catch {
      return undefined;
    }
    const nl = text.indexOf("\n");
    if (nl < 0) return undefined;
    const [format, aid, oid, sizeText] = text.slice(0, nl).split(" ");
    if (format !== FORMAT || aid !== actionID || oid === undefined || !hexID.test(oid))
      return undefined;
    const size = Number(sizeText);
    if (!Number.isSafeInteger(size) || size < 0) return undefined;
    let meta: Record<string, string>;
    try {
      const m: unknown = JSON.parse(text.slice(nl + 1));
      if (m === null || typeof m !== "object" || Array.isArray(m)) return undefined;
      meta = {};
      for (const [k, v] of Object.entries(m as Record<string, unknown>))
        if (typeof v === "string") meta[k] = v;
    } catch {
      return undefined;
    }
    const path = this.outputPath(oid);
    try {
      if (statSync(path).size !== size) return undefined;
    } catch {
      return undefined;
    }
    return { actionID, outputID: oid, size, meta, path };
  }

  /** verify reports whether an entry's bytes still hash to its output ID. */
  verify(e: Pick<CacheEntry, "path" | "outputID">): boolean {
    try {
      return createHash("sha256").update(readFileSync(e.path)).digest("hex") === e.outputID;
    } catch {
      return false;
    }
  }

  /** remove forgets actionID and the output bytes it named (after a failed verify). */
  remove(actionID: string, outputID?: string): void {
    if (!hexID.test(actionID)) return;
    rmSync(this.file(actionID, "a"), { force: true });
    if (outputID !== undefined && hexID.test(outputID))
      rmSync(this.outputPath(outputID), { force: true });
  }

  /** put stores data as the output of actionID and returns the new entry. */
  put(actionID: string, data: Uint8Array, meta: Record<string, string> = {}): CacheEntry {
    return this.store(actionID, data, meta, (path) => {
      this.writeAtomic(path, data);
    });
  }

  /**
   * putFile is {@link put} for an output already in a file whose bytes are data: the file is
   * renamed into the cache rather than written again (on another file system it is copied).
   * The file is gone afterwards either way.
   */
  putFile(
    actionID: string,
    file: string,
    data: Uint8Array,
    meta: Record<string, string> = {},
  ): CacheEntry {
    const renamed = { file: false }; // set when the rename consumed file
    const e = this.store(actionID, data, meta, (path) => {
      mkdirSync(join(path, ".."), { recursive: true });
      try {
        renameSync(file, path);
        renamed.file = true;
      } catch {
        this.writeAtomic(path, data); // EXDEV: the work directory is on another file system
      }
    });
    if (!renamed.file) rmSync(file, { force: true });
    return e;
  }

  // store records data as actionID's output; write puts the bytes at path unless the cache
  // holds them already.
  private store(
    actionID: string,
    data: Uint8Array,
    meta: Record<string, string>,
    write: (path: string) => void,
  ): CacheEntry {
    if (!hexID.test(actionID)) throw new CacheError(`malformed action ID ${actionID}`);
    const outputID = createHash("sha256").update(data).digest("hex");
    const path = this.outputPath(outputID);
    let present: boolean;
    try {
      present = statSync(path).size === data.length;
    } catch {
      present = false;
    }
    if (!present) write(path);
    this.writeIndex(actionID, outputID, data.length, meta);
    return { actionID, outputID, size: data.length, meta, path };
  }

  private writeIndex(
    actionID: string,
    outputID: string,
    size: number,
    meta: Record<string, string>,
  ): void {
    const index = `${FORMAT} ${actionID} ${outputID} ${String(size)}\n${JSON.stringify(meta)}`;
    this.writeAtomic(this.file(actionID, "a"), Buffer.from(index));
  }

  /** touch marks an entry used now, so trim keeps it (at most once an hour, like cmd/go). */
  touch(e: CacheEntry): void {
    const a = this.file(e.actionID, "a");
    try {
      const now = Date.now();
      if (now - statSync(a).mtimeMs > 3600_000) {
        const t = new Date(now);
        utimesSync(a, t, t);
        utimesSync(e.path, t, t);
      }
    } catch {
      // best effort: a missing file is simply a miss next time
    }
  }

  // writeAtomic writes through a temporary name and renames. No fsync, as in cmd/go's cache:
  // a killed process cannot lose written data, and after a power loss a short or zeroed file
  // fails the size check or verify and reads as a miss.
  private writeAtomic(path: string, data: Uint8Array): void {
    const dir = join(path, "..");
    mkdirSync(dir, { recursive: true });
    const tmp = `${path}.tmp-${String(process.pid)}-${randomBytes(4).toString("hex")}`;
    const fd = openSync(tmp, "w", 0o644);
    try {
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  }

  /** stats counts the cache's files. */
  stats(): CacheStats {
    const s: CacheStats = { dir: this.dir, entries: 0, outputs: 0, bytes: 0 };
    for (const sub of this.subdirs()) {
      for (const name of readdirSync(join(this.dir, sub))) {
        try {
          const st = statSync(join(this.dir, sub, name));
          s.bytes += st.size;
          if (name.endsWith("-a")) s.entries++;
          else if (name.endsWith("-d")) s.outputs++;
        } catch {
          // removed concurrently
        }
      }
    }
    return s;
  }

  /**
   * trim removes entries unused for maxAgeMs, and leftover temporary files of killed
   * processes older than an hour. It returns the number of files removed.
   */
  trim(maxAgeMs: number): number {
    const now = Date.now();
    let removed = 0;
    for (const sub of this.subdirs()) {
      for (const name of readdirSync(join(this.dir, sub))) {
        const p = join(this.dir, sub, name);
        try {
          const age = now - statSync(p).mtimeMs;
          const isTmp = name.includes(".tmp-");
          if ((isTmp && age > 3600_000) || (!isTmp && age > maxAgeMs)) {
            unlinkSync(p);
            removed++;
          }
        } catch {
          // removed concurrently
        }
      }
    }
    return removed;
  }

  /** clean removes everything in the cache directory. */
  clean(): void {
    for (const sub of this.subdirs()) rmSync(join(this.dir, sub), { recursive: true, force: true });
    rmSync(join(this.dir, "list"), { recursive: true, force: true }); // the loader's answers (src/work/listcache.ts)
    rmSync(join(this.dir, "filehash.json"), { force: true }); // remembered source hashes (src/work/actionid.ts)
    rmSync(join(this.dir, "toolversions.json"), { force: true }); // remembered tool -V=full lines (src/work/build.ts)
  }

  private subdirs(): string[] {
    try {
      return readdirSync(this.dir).filter((n) => /^[0-9a-f]{2}$/.test(n));
    } catch {
      return [];
    }
  }
}
