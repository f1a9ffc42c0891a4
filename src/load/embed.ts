// Resolving //go:embed patterns to files, with cmd/go's rules (load.resolveEmbed): glob
// syntax of path.Match, no files from other modules, no invalid names, hidden files skipped
// inside embedded directories unless the pattern starts with "all:".

import type { SourceCache } from "./fs.js";
import { byteOrder } from "./dirpkg.js";

/** EmbedError is a pattern that cannot be resolved; the message reads like go's. */
export class EmbedError extends Error {
  override name = "EmbedError";
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`pattern ${pattern}: ${reason}`);
  }
}

/** EmbedResult is the files of every pattern and their union. */
export interface EmbedResult {
  files: string[]; // sorted union, relative to the package directory
  patterns: Record<string, string[]>; // pattern -> sorted files
}

const BAD_WINDOWS = new Set([
  "CON",
  "PRN",
  "AUX",
  "NUL",
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((i) => [`COM${i}`, `LPT${i}`]),
]);

/** isBadEmbedName is cmd/go's check on one path element (module.CheckFilePath and VCS dirs). */
export function isBadEmbedName(name: string): boolean {
  if (name === "" || name === ".bzr" || name === ".hg" || name === ".git" || name === ".svn")
    return true;
  if (/^\.+$/.test(name) || name.endsWith(".")) return true;
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      if (!/[0-9A-Za-z!#$%&()+,\-.=@[\]^_{}~ ]/.test(ch)) return true;
    } else if (!/\p{L}/u.test(ch)) return true;
  }
  let short = name;
  const dot = short.indexOf(".");
  if (dot >= 0) short = short.slice(0, dot);
  // module.CheckFilePath skips the Windows short-name rule (a "~" and digits) for file names.
  return BAD_WINDOWS.has(short.toUpperCase());
}

/** validEmbedPattern is fs.ValidPath minus ".", plus path.Match's syntax check. */
function validEmbedPattern(p: string): boolean {
  if (p === "." || p === "" || p.startsWith("/") || p.endsWith("/")) return false;
  for (const el of p.split("/")) {
    if (el === "" || el === "." || el === "..") return false;
    if (globToRegExp(el) === undefined) return false;
  }
  return true;
}

/**
 * globToRegExp converts one path.Match pattern element to a RegExp, or undefined if the
 * pattern is malformed (path.ErrBadPattern). It reads the pattern by code point, as Go reads runes.
 */
export function globToRegExp(pattern: string): RegExp | undefined {
  const pat = Array.from(pattern);
  // classChar is path's getEsc: one class character, maybe escaped; "-" and "]" must be.
  const classChar = (j: number): [string, number] | undefined => {
    let c = pat[j];
    if (c === undefined || c === "-" || c === "]") return undefined;
    if (c === "\\") c = pat[++j];
    if (c === undefined || j + 1 >= pat.length) return undefined;
    return [c, j + 1];
  };
  let re = "^";
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "\\") {
      const e = pat[++i];
      if (e === undefined) return undefined;
      re += escapeRe(e);
    } else if (c === "[") {
      let j = i + 1;
      const negated = pat[j] === "^";
      if (negated) j++;
      let cls = "";
      for (let n = 0; ; n++) {
        if (pat[j] === "]" && n > 0) break;
        const lo = classChar(j);
        if (lo === undefined) return undefined;
        let hi = lo;
        if (pat[lo[1]] === "-") {
          const h = classChar(lo[1] + 1);
          if (h === undefined) return undefined;
          hi = h;
        }
        j = hi[1];
        // path.Match tests lo <= r && r <= hi: a reversed range matches nothing.
        if (lo[0].codePointAt(0)! <= hi[0].codePointAt(0)!)
          cls += lo === hi ? escapeClass(lo[0]) : escapeClass(lo[0]) + "-" + escapeClass(hi[0]);
      }
      i = j;
      re += negated ? `[^${cls}/]` : `[${cls}]`;
    } else re += escapeRe(c);
  }
  return new RegExp(re + "$", "u");
}

// With the u flag a RegExp accepts only escapes of syntax characters (and "-" inside a
// class); "\\-" outside a class is an error, so the two contexts escape differently.
function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? "\\" + c : c;
}

function escapeClass(c: string): string {
  return /[\\^\][-]/.test(c) ? "\\" + c : c;
}

/** globFiles expands a slash-separated glob under root; results are absolute, sorted. */
function globFiles(cache: SourceCache, root: string, glob: string): string[] {
  let cur = [root];
  for (const el of glob.split("/")) {
    const next: string[] = [];
    const re = /[*?[\\]/.test(el) ? globToRegExp(el) : undefined;
    for (const dir of cur) {
      if (re === undefined) {
        const p = dir + "/" + el;
        if (cache.stat(p) !== undefined || cache.readDir(dir)?.some((e) => e.name === el))
          next.push(p);
        continue;
      }
      for (const e of cache.readDir(dir) ?? []) if (re.test(e.name)) next.push(dir + "/" + e.name);
    }
    cur = next;
  }
  return cur.sort(byteOrder);
}

/**
 * resolveEmbed returns the files matched by patterns in pkgDir. It throws EmbedError for the
 * first pattern that is malformed, matches nothing, or reaches into another module.
 */
export function resolveEmbed(
  cache: SourceCache,
  pkgDir: string,
  patterns: readonly string[],
): EmbedResult {
  const all = new Set<string>();
  const out: Record<string, string[]> = {};
  const dirOK = new Set<string>();
  for (const pattern of patterns) {
    const isAll = pattern.startsWith("all:");
    const glob = isAll ? pattern.slice(4) : pattern;
    if (!validEmbedPattern(glob)) throw new EmbedError(pattern, "invalid pattern syntax");
    const list = new Set<string>();
    for (const file of globFiles(cache, pkgDir, glob)) {
      const rel = file.slice(pkgDir.length + 1);
      const ents = cache.readDir(file.slice(0, file.lastIndexOf("/")));
      const ent = ents?.find((e) => e.name === file.slice(file.lastIndexOf("/") + 1));
      const isDir = ent !== undefined && ent.isDir && !ent.isSymlink;
      const what = isDir ? "directory" : "file";
      for (
        let dir = file;
        dir.length > pkgDir.length + 1 && !dirOK.has(dir);
        dir = dir.slice(0, dir.lastIndexOf("/"))
      ) {
        if (cache.stat(dir + "/go.mod") !== undefined) {
          throw new EmbedError(pattern, `cannot embed ${what} ${rel}: in different module`);
        }
        if (dir !== file && !cache.isDir(dir)) {
          throw new EmbedError(
            pattern,
            `cannot embed ${what} ${rel}: in non-directory ${dir.slice(pkgDir.length + 1)}`,
          );
        }
        dirOK.add(dir);
        const elem = dir.slice(dir.lastIndexOf("/") + 1);
        if (isBadEmbedName(elem)) {
          throw new EmbedError(
            pattern,
            dir === file
              ? `cannot embed ${what} ${rel}: invalid name ${elem}`
              : `cannot embed ${what} ${rel}: in invalid directory ${elem}`,
          );
        }
      }
      if (ent !== undefined && ent.isFile && !ent.isSymlink) {
        list.add(rel);
      } else if (isDir) {
        let count = 0;
        const walk = (dir: string) => {
          for (const e of cache.readDir(dir) ?? []) {
            const path = dir + "/" + e.name;
            const r = path.slice(pkgDir.length + 1);
            const name = e.name;
            const dirLike = e.isDir && !e.isSymlink;
            if (isBadEmbedName(name) || ((name[0] === "." || name[0] === "_") && !isAll)) {
              if (dirLike) continue;
              if (name[0] === "." || name[0] === "_") continue;
              throw new EmbedError(pattern, `cannot embed file ${r}: invalid name ${name}`);
            }
            if (dirLike) {
              if (cache.stat(path + "/go.mod") === undefined) walk(path);
              continue;
            }
            if (!e.isFile || e.isSymlink) continue;
            count++;
            list.add(r);
          }
        };
        walk(file);
        if (count === 0)
          throw new EmbedError(
            pattern,
            `cannot embed directory ${rel}: contains no embeddable files`,
          );
      } else {
        throw new EmbedError(pattern, `cannot embed irregular file ${rel}`);
      }
    }
    if (list.size === 0) throw new EmbedError(pattern, "no matching files found");
    out[pattern] = [...list].sort(byteOrder);
    for (const f of list) all.add(f);
  }
  return { files: [...all].sort(byteOrder), patterns: out };
}

/**
 * embedMap reconstructs the pattern -> files map the compiler's -embedcfg wants from a
 * package's //go:embed patterns and the final file list go list resolved (EmbedFiles).
 * A file belongs to a pattern when the glob names it, or names a directory above it and no
 * element below that directory starts with "." or "_" (unless the pattern has "all:"), as in
 * cmd/go/internal/load's resolveEmbed.
 */
export function embedMap(
  patterns: readonly string[],
  files: readonly string[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pattern of patterns) {
    const all = pattern.startsWith("all:");
    const glob = (all ? pattern.slice(4) : pattern).split("/").map(globToRegExp);
    const matched: string[] = [];
    for (const f of files) {
      const elems = f.split("/");
      if (elems.length < glob.length) continue;
      if (!glob.every((re, i) => re?.test(elems[i] ?? "") === true)) continue;
      const below = elems.slice(glob.length);
      if (!all && below.some((e) => e.startsWith(".") || e.startsWith("_"))) continue;
      matched.push(f);
    }
    out[pattern] = matched.sort(byteOrder);
  }
  return out;
}
