// A persistent index of parsed file headers and directory listings for trees that do not
// change under a given key: GOROOT/src of one Go release (like cmd/go's module index, which
// trusts GOROOT by version). Loading it replaces thousands of file reads with one.
// A missing, corrupt or mismatched index is a miss, never an error.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { DirEntry, SourceFile } from "./fs.js";

const FORMAT = 1;

/** SrcIndex is the stored content of one tree. */
export interface SrcIndex {
  format: number;
  key: string; // what the tree is trusted by, e.g. "/usr/lib/go-1.27/src go1.27.4"
  files: Record<string, SourceFile>;
  dirs: Record<string, DirEntry[] | null>;
}

/** defaultIndexDir is where indexes live: $CROSSGO_CACHE/load, else the user cache dir. */
export function defaultIndexDir(env: Record<string, string | undefined> = process.env): string {
  if (env.CROSSGO_CACHE) return join(env.CROSSGO_CACHE, "load");
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "crossgo", "load");
}

function fileFor(dir: string, key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return join(dir, `src-${h.toString(16).padStart(8, "0")}.json`);
}

/** readSrcIndex returns the index stored for key in dir, or undefined. */
export function readSrcIndex(dir: string, key: string): SrcIndex | undefined {
  try {
    const x = JSON.parse(readFileSync(fileFor(dir, key), "utf8")) as SrcIndex;
    if (
      x.format !== FORMAT ||
      x.key !== key ||
      typeof x.files !== "object" ||
      typeof x.dirs !== "object"
    )
      return undefined;
    return x;
  } catch {
    return undefined;
  }
}

/** writeSrcIndex stores an index (temp file, then rename); failures are ignored. */
export function writeSrcIndex(dir: string, index: SrcIndex): void {
  try {
    mkdirSync(dir, { recursive: true });
    const file = fileFor(dir, index.key);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...index, format: FORMAT }));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written is only slower.
  }
}
