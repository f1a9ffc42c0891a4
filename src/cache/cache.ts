import { createHash } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ErrorKind } from "../errors.js";
import { cacheDirState, isEntryDir, markCacheDir, METADATA, type CacheDirState } from "./marker.js";
import {
  readSealed,
  seal,
  TEMP_MARK,
  writeAtomic,
  type Damage,
  type DamageListener,
} from "./seal.js";

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
const FORMAT = "crossgo-cache-v2"; // sealed (./seal.ts); v1 entries had no checksum
const LEGACY = ["crossgo-cache-v1 "];

/** TEMP_MAX_AGE_MS is how old a temporary file must be before trim takes it for a killed build's. */
export const TEMP_MAX_AGE_MS = 3600_000;

/** CacheOptions configure a {@link Cache}. */
export interface CacheOptions {
  onDamage?: DamageListener; // told once about each damaged file found (and removed)
  existing?: boolean; // open the directory as it is: neither create nor mark it (cache commands)
}

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
 * killed at any point leaves either the old state or the new one. An index entry is sealed
 * (a checksum over all of it, build ID included) and an output is checked against its hash
 * before use: a damaged or truncated entry reads as a miss, is removed and is reported once
 * through {@link CacheOptions.onDamage}.
 *
 * Opening a cache creates its directory; a directory that is empty or holds only a crossgo
 * cache's files gets the marker file (./marker.ts) that `cache clean` and `trim` ask for.
 */
export class Cache {
  readonly dir: string;
  readonly state: CacheDirState; // "marked" unless the directory holds files crossgo did not write
  private readonly onDamage: DamageListener | undefined;
  private readonly reported = new Set<string>();

  constructor(dir: string, opts: CacheOptions = {}) {
    this.dir = dir;
    this.onDamage = opts.onDamage;
    if (opts.existing === true) {
      this.state = cacheDirState(dir);
      return;
    }
    try {
      mkdirSync(dir, { recursive: true });
      this.state = markCacheDir(dir);
    } catch (e) {
      throw new CacheError(`cannot create cache directory ${dir}: ${(e as Error).message}`);
    }
  }

  /**
   * damaged removes a damaged cache file (under dir: an entry, or metadata such as
   * filehash.json) and reports it once. Removing it means the next build finds a plain miss.
   */
  damaged(d: Damage): void {
    rmSync(d.file, { force: true });
    if (this.reported.has(d.file)) return;
    this.reported.add(d.file);
    this.onDamage?.(d);
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
    const file = this.file(actionID, "a");
    const u = readSealed(file, FORMAT, LEGACY);
    if ("stale" in u) return undefined;
    if ("damaged" in u) {
      this.damaged({ file, reason: u.damaged });
      return undefined;
    }
    const parsed = parseIndex(actionID, u.body);
    if (typeof parsed === "string") {
      this.damaged({ file, reason: parsed });
      return undefined;
    }
    const { outputID, size, meta } = parsed;
    const path = this.outputPath(outputID);
    let have: number;
    try {
      have = statSync(path).size;
    } catch {
      return undefined; // trimmed, or removed after damage: a plain miss
    }
    if (have !== size) {
      this.damaged({
        file: path,
        reason: `${String(have)} bytes, its index entry says ${String(size)}`,
      });
      rmSync(file, { force: true });
      return undefined;
    }
    return { actionID, outputID, size, meta, path };
  }

  /** verify reports whether an entry's bytes still hash to its output ID. */
  verify(e: Pick<CacheEntry, "path" | "outputID">): boolean {
    try {
      return createHash("sha256").update(readFileSync(e.path)).digest("hex") === e.outputID;
    } catch {
      return false;
    }
  }

  /**
   * intact reports whether e's bytes still hash to its output ID; when they do not, the
   * output is reported damaged and the entry removed.
   */
  intact(e: Pick<CacheEntry, "actionID" | "outputID" | "path">): boolean {
    if (this.verify(e)) return true;
    this.damaged({ file: e.path, reason: "contents do not match their hash" });
    this.remove(e.actionID, e.outputID);
    return false;
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
      writeAtomic(path, data);
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
        writeAtomic(path, data); // EXDEV: the work directory is on another file system
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
    // The bytes may be there already (another action had the same output). They are reused
    // only when they still hash to outputID: a file damaged in place keeps its size.
    let present: boolean;
    try {
      present = statSync(path).size === data.length;
    } catch {
      present = false;
    }
    if (present && !this.verify({ path, outputID })) {
      this.damaged({ file: path, reason: "contents do not match their hash" });
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
    const body = `${actionID} ${outputID} ${String(size)}\n${JSON.stringify(meta)}`;
    writeAtomic(this.file(actionID, "a"), seal(FORMAT, body));
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
   * trim removes entries unused for maxAgeMs, and temporary files older than
   * {@link TEMP_MAX_AGE_MS} (a younger one may belong to a build still running; a failed write
   * removes its own). It returns the number of files removed.
   */
  trim(maxAgeMs: number): number {
    const now = Date.now();
    let removed = 0;
    for (const sub of this.subdirs()) {
      for (const name of readdirSync(join(this.dir, sub))) {
        const p = join(this.dir, sub, name);
        try {
          const age = now - statSync(p).mtimeMs;
          const isTmp = name.includes(TEMP_MARK);
          if ((isTmp && age > TEMP_MAX_AGE_MS) || (!isTmp && age > maxAgeMs)) {
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

  /**
   * clean removes every entry and every piece of metadata (./marker.ts METADATA) and their
   * temporary files, and nothing else: the marker stays, and so does any file crossgo does
   * not write. The CLI refuses to clean a directory without the marker.
   */
  clean(): void {
    for (const name of readdirSync(this.dir)) {
      const base = name.split(TEMP_MARK)[0] ?? name;
      if (isEntryDir(name) || (METADATA as readonly string[]).includes(base))
        rmSync(join(this.dir, name), { recursive: true, force: true });
    }
  }

  private subdirs(): string[] {
    try {
      return readdirSync(this.dir).filter(isEntryDir);
    } catch {
      return [];
    }
  }
}

// parseIndex reads a sealed index entry's body: "<actionID> <outputID> <size>\n<meta JSON>".
// It returns what is wrong with it as a string.
function parseIndex(
  actionID: string,
  body: string,
): { outputID: string; size: number; meta: Record<string, string> } | string {
  const nl = body.indexOf("\n");
  if (nl < 0) return "no metadata line";
  const [aid, outputID, sizeText] = body.slice(0, nl).split(" ");
  if (aid !== actionID) return "it names another action";
  if (outputID === undefined || !hexID.test(outputID)) return "malformed output ID";
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size) || size < 0) return "malformed size";
  let m: unknown;
  try {
    m = JSON.parse(body.slice(nl + 1));
  } catch {
    return "malformed metadata";
  }
  if (m === null || typeof m !== "object" || Array.isArray(m)) return "malformed metadata";
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
    if (typeof v !== "string") return "malformed metadata";
    meta[k] = v;
  }
  return { outputID, size, meta };
}
