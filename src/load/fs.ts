// The file system the loader reads through (go/build's ReadDir/OpenFile hooks), and the
// caches that let one process load many targets while reading each file once.

import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseFileConstraint, type FileConstraint } from "./fileconstraint.js";
import { nameSuffix } from "./context.js";
import type { Position } from "./dirpkg.js";
import { readSrcIndex, writeSrcIndex, type SrcIndex } from "./srcindex.js";
import { latin1, readCommentsInfo, readGoFile, type GoFileInfo } from "./gofile.js";

/** DirEntry is one name in a directory listing. */
export interface DirEntry {
  name: string;
  isDir: boolean; // a directory (symlinks are followed)
  isFile: boolean; // a regular file (symlinks are followed)
  isSymlink: boolean;
}

/** LoadFS is the I/O the loader needs; every method is synchronous and never throws. */
export interface LoadFS {
  readDir(dir: string): DirEntry[] | undefined; // sorted by name; undefined when not a directory
  readFile(path: string): Uint8Array | undefined;
  /** readHead returns up to n leading bytes of a file (optional: readFile is used otherwise). */
  readHead?(path: string, n: number): Uint8Array | undefined;
  stat(path: string): FileStat | undefined;
}

/** FileStat is what the loader needs from a stat call. */
export interface FileStat {
  isDir: boolean;
  isFile: boolean;
  mtimeMs?: number; // modification time, when known
}

/** nodeFS is LoadFS over node:fs. */
export const nodeFS: LoadFS = {
  readDir(dir) {
    let ents;
    try {
      ents = readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    const out: DirEntry[] = [];
    for (const e of ents) {
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      const isSymlink = e.isSymbolicLink();
      if (isSymlink) {
        const st = nodeFS.stat(join(dir, e.name));
        isDir = st?.isDir ?? false;
        isFile = st?.isFile ?? false;
      }
      out.push({ name: e.name, isDir, isFile, isSymlink });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
  readFile(path) {
    try {
      return readFileSync(path);
    } catch {
      return undefined;
    }
  },
  readHead(path, n) {
    let fd: number | undefined;
    try {
      fd = openSync(path, "r");
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const k = readSync(fd, buf, got, n - got, got);
        if (k === 0) break;
        got += k;
      }
      return buf.subarray(0, got);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
  stat(path) {
    try {
      const st = statSync(path);
      return { isDir: st.isDirectory(), isFile: st.isFile(), mtimeMs: st.mtimeMs };
    } catch {
      return undefined;
    }
  },
};

/** SourceFile is the target-independent knowledge about one source file. */
export interface SourceFile {
  go?: GoFileInfo; // for .go files
  constraint: FileConstraint;
  readError?: string;
  importPos: Position[]; // positions of go.imports, index for index
  embedPos: Position[]; // positions of go.embeds
}

/** DirState memoizes what the loader derives from one directory. */
export interface DirState {
  tags?: string[]; // the build tags the directory's file selection depends on
  scans: Map<string, unknown>; // selection results by tag-truth key
  hasGo?: boolean; // the directory has a .go file
}

/** DirFile is a directory entry that may be a source file, with what its name tells. */
export interface DirFile {
  name: string;
  path: string;
  ext: string; // ".go", ".s", ...
  suffix: string[]; // nameSuffix(name), for the _GOOS_GOARCH rule
  isTest: boolean; // name ends in _test.go
}

/**
 * SourceCache memoizes directory listings and parsed file headers. One cache serves every
 * target of a run: a file is read and parsed once, then evaluated per target.
 */
export class SourceCache {
  private dirs = new Map<string, DirEntry[] | undefined>();
  private files = new Map<string, SourceFile>();
  private dirFileLists = new Map<string, DirFile[] | undefined>();
  private memos = new Map<string, unknown>();
  private dirStates = new Map<string, DirState>();

  /** dirState is the per-directory memo of derived, target-independent facts. */
  dirState(dir: string): DirState {
    let st = this.dirStates.get(dir);
    if (!st) this.dirStates.set(dir, (st = { scans: new Map() }));
    return st;
  }

  /** memo returns the value computed by f for key, computing it once per cache. */
  memo<T>(key: string, f: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = f();
    this.memos.set(key, v);
    return v;
  }
  private stats = new Map<string, FileStat | undefined>();
  private trees: { root: string; index: SrcIndex; dir: string; dirty: boolean }[] = [];
  constructor(readonly fs: LoadFS = nodeFS) {}

  /**
   * attachIndex trusts the tree under root not to change while key stays the same (GOROOT/src
   * of one release): parsed headers and listings under root come from, and go to, a
   * persistent index in indexDir. Call saveIndexes when done.
   */
  attachIndex(root: string, key: string, indexDir: string): void {
    const index = readSrcIndex(indexDir, key) ?? { format: 1, key, files: {}, dirs: {} };
    this.trees.push({
      root: root.endsWith("/") ? root : root + "/",
      index,
      dir: indexDir,
      dirty: false,
    });
  }

  /** saveIndexes writes the attached indexes that learned something new. */
  saveIndexes(): void {
    for (const t of this.trees) {
      if (!t.dirty) continue;
      writeSrcIndex(t.dir, t.index);
      t.dirty = false;
    }
  }

  private treeOf(path: string) {
    for (const t of this.trees) if (path.startsWith(t.root)) return t;
    return undefined;
  }

  readDir(dir: string): DirEntry[] | undefined {
    if (this.dirs.has(dir)) return this.dirs.get(dir);
    const t = this.treeOf(dir + "/");
    let ents: DirEntry[] | undefined;
    if (t && Object.hasOwn(t.index.dirs, dir)) ents = t.index.dirs[dir] ?? undefined;
    else {
      ents = this.fs.readDir(dir);
      if (t) {
        t.index.dirs[dir] = ents ?? null;
        t.dirty = true;
      }
    }
    this.dirs.set(dir, ents);
    return ents;
  }

  stat(path: string): FileStat | undefined {
    if (!this.stats.has(path)) this.stats.set(path, this.fs.stat(path));
    return this.stats.get(path);
  }

  isDir(path: string): boolean {
    return this.stat(path)?.isDir ?? false;
  }

  isFile(path: string): boolean {
    return this.stat(path)?.isFile ?? false;
  }

  /**
   * dirFiles lists the regular files of dir (symlinks to files included) that are not named
   * _x or .x, in name order, with their name-derived facts.
   */
  dirFiles(dir: string): DirFile[] | undefined {
    if (this.dirFileLists.has(dir)) return this.dirFileLists.get(dir);
    const ents = this.readDir(dir);
    const out = ents?.flatMap((e): DirFile[] => {
      if (e.isDir || e.name.startsWith("_") || e.name.startsWith(".")) return [];
      const i = e.name.lastIndexOf(".");
      const ext = i < 0 ? "" : e.name.slice(i);
      return [
        {
          name: e.name,
          path: dir + "/" + e.name,
          ext,
          suffix: nameSuffix(e.name),
          isTest: e.name.endsWith("_test.go"),
        },
      ];
    });
    this.dirFileLists.set(dir, out);
    return out;
  }

  /** source returns the parsed header of a source file (Go or not). */
  source(path: string, isGo: boolean): SourceFile {
    let f = this.files.get(path);
    if (f) return f;
    const t = this.treeOf(path);
    if (t && Object.hasOwn(t.index.files, path)) {
      f = t.index.files[path]!;
      this.files.set(path, f);
      return f;
    }
    // Most headers fit in the first few KiB: read a prefix, and the whole file only when the
    // reader ran into the prefix's end (or needs the rest, for //go:embed).
    const HEAD = 16384;
    let bytes = this.fs.readHead?.(path, HEAD) ?? this.fs.readFile(path);
    let pre: GoFileInfo | undefined; // the prefix's parse, when the prefix was enough
    if (bytes !== undefined && bytes.length === HEAD && this.fs.readHead !== undefined) {
      const text = latin1(bytes);
      const info = isGo ? readGoFile(text) : undefined;
      if (info ? info.reachedEnd : readCommentsInfo(text).reachedEnd)
        bytes = this.fs.readFile(path);
      else pre = info;
    }
    if (bytes === undefined) {
      f = {
        constraint: { plusBuild: [], binaryOnly: false },
        readError: "no such file or directory",
        importPos: [],
        embedPos: [],
      };
    } else if (isGo) {
      const go = pre ?? readGoFile(latin1(bytes));
      f = {
        go,
        constraint: parseFileConstraint(go.header),
        importPos: go.imports.map((i) => ({ file: path, line: i.line, col: i.col })),
        embedPos: go.embeds.map((e) => ({ file: path, line: e.line, col: e.col })),
      };
      if (go.readError) f.readError = go.readError;
    } else {
      f = {
        constraint: parseFileConstraint(readCommentsInfo(latin1(bytes)).header),
        importPos: [],
        embedPos: [],
      };
    }
    this.files.set(path, f);
    if (t) {
      // The header text is only needed to parse the constraint, which is stored parsed.
      t.index.files[path] = f.go ? { ...f, go: { ...f.go, header: "" } } : f;
      t.dirty = true;
    }
    return f;
  }
}
