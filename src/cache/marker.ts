import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TEMP_MARK, writeAtomic } from "./seal.js";

/**
 * MARKER is the file that identifies a crossgo cache: a cache directory tag
 * (https://bford.info/cachedir/, which backup tools honour) that says crossgo wrote it.
 * `crossgo cache clean` and `trim` refuse a directory without it.
 */
export const MARKER = "CACHEDIR.TAG";

const SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"; // the cachedir spec's fixed first line
const WRITER = "# This file is a cache directory tag created by crossgo.";

/** markerText is what crossgo writes to {@link MARKER}. */
export const markerText = `${SIGNATURE}\n${WRITER}\n# Its build cache: remove it with \`crossgo cache clean\`. See https://bford.info/cachedir/\n`;

/**
 * METADATA names the files a crossgo cache keeps beside its <xx>/ entry directories; clean
 * removes exactly these, the entry directories and temporary files of them.
 */
export const METADATA = [
  "list", // the loader's answers (src/work/listcache.ts)
  "filehash.json", // remembered source hashes (src/work/actionid.ts)
  "toolversions.json", // remembered tool -V=full lines (src/work/build.ts)
] as const;

/** isEntryDir reports whether name is one of a cache's <xx>/ entry directories. */
export function isEntryDir(name: string): boolean {
  return /^[0-9a-f]{2}$/.test(name);
}

/** CacheDirState is what a directory is to crossgo's cache commands. */
export type CacheDirState =
  | "absent" // nothing there (nothing to clean)
  | "empty" // an empty directory
  | "marked" // a crossgo cache: it holds MARKER
  | "unmarked-cache" // only the files a crossgo cache holds, from before crossgo wrote MARKER
  | "foreign"; // anything else: not crossgo's to delete

function names(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}

function isMarked(dir: string): boolean {
  try {
    const text = readFileSync(join(dir, MARKER), "utf8");
    return text.startsWith(SIGNATURE) && text.includes(WRITER);
  } catch {
    return false;
  }
}

// holdsOnly reports whether every name in dir matches ok (temporary files of them too).
function holdsOnly(dir: string, ok: (name: string) => boolean): boolean {
  const list = names(dir);
  if (list === undefined) return false;
  return list.every((n) => ok(n.split(TEMP_MARK)[0] ?? n));
}

/** cacheDirState classifies dir (see {@link CacheDirState}); it reads, never writes. */
export function cacheDirState(dir: string): CacheDirState {
  const top = names(dir);
  if (top === undefined) return "absent";
  if (top.length === 0) return "empty";
  if (isMarked(dir)) return "marked";
  const entry = /^[0-9a-f]{64}-[ad]$/;
  const listed = /^[0-9a-f]{64}\.json$/;
  const ok = top.every((n) => {
    const base = n.split(TEMP_MARK)[0] ?? n;
    if (isEntryDir(n)) return holdsOnly(join(dir, n), (e) => entry.test(e));
    if (n === "list")
      return holdsOnly(
        join(dir, n),
        (s) => isEntryDir(s) && holdsOnly(join(dir, n, s), (e) => listed.test(e)),
      );
    return (METADATA as readonly string[]).includes(base);
  });
  return ok ? "unmarked-cache" : "foreign";
}

/**
 * markCacheDir writes {@link MARKER} into dir when crossgo may call dir its cache: dir is
 * empty (crossgo just created it) or holds only a crossgo cache's files. A directory with
 * anything else is left unmarked (a build may still use it; clean and trim refuse it).
 * It returns the directory's state afterwards.
 */
export function markCacheDir(dir: string): CacheDirState {
  const s = cacheDirState(dir);
  if (s !== "empty" && s !== "unmarked-cache") return s;
  writeAtomic(join(dir, MARKER), markerText);
  return "marked";
}
