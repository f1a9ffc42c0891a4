// The listing's graph passes over loaded packages, in go list's order: PGO copies of main
// packages' dependencies (-pgo=auto), the depth-first post-order of -deps, and the Deps and
// DepsErrors of every package.

import type { SourceCache } from "./fs.js";
import type { Package, PackageError } from "./package.js";

/**
 * splitPGO applies -pgo=auto: each root main package with a default.pgo gets its own copy of
 * its dependency graph when several packages are listed (load.setPGOProfilePath).
 */
export function splitPGO(roots: Package[], cache: SourceCache): void {
  for (const pmain of roots) {
    if (pmain.Name !== "main") continue;
    const file = pmain.Dir + "/default.pgo";
    if (!cache.isFile(file)) continue;
    const visited = new Map<Package, Package>();
    const split = (orig: Package): Package => {
      const seen = visited.get(orig);
      if (seen) return seen;
      let p = orig;
      if (roots.length > 1 && p !== pmain) {
        p = {
          ...orig,
          Imports: [...orig.Imports],
          ImportMap: { ...orig.ImportMap },
          Internal: { ...orig.Internal, imports: [...orig.Internal.imports], forMain: pmain.ImportPath },
        };
      }
      visited.set(orig, p);
      p.Internal.pgoProfile = file;
      p.Internal.imports = p.Internal.imports.map(split);
      return p;
    };
    split(pmain);
  }
}

/** renamePGOCopies names PGO copies "path [main]" and points importers' Imports at them. */
export function renamePGOCopies(all: Package[]): void {
  for (const p of all) if (p.Internal.forMain !== undefined) p.ImportPath = `${p.ImportPath} [${p.Internal.forMain}]`;
  for (const p of all) {
    const m = new Map<string, string>();
    for (const q of p.Internal.imports) {
      if (q.Internal.forMain !== undefined) m.set(q.ImportPath.slice(0, q.ImportPath.lastIndexOf(" [")), q.ImportPath);
    }
    if (m.size === 0) continue;
    for (let i = 0; i < p.Imports.length; i++) {
      const nw = m.get(p.Imports[i]!);
      if (nw === undefined) continue;
      p.Imports[i] = nw;
      p.ImportMap[p.Internal.rawImports[i]!] = nw;
    }
  }
}

/** packageList returns roots and their dependencies in depth-first post-order (load.PackageList). */
export function packageList(roots: readonly Package[]): Package[] {
  const seen = new Set<Package>();
  const all: Package[] = [];
  const walk = (p: Package) => {
    if (seen.has(p)) return;
    seen.add(p);
    for (const q of p.Internal.imports) walk(q);
    all.push(p);
  };
  for (const r of roots) walk(r);
  return all;
}

/**
 * collectAllDeps sets every package's Deps (list.collectDeps) over a post-order list: each
 * package's dependencies are its imports and their dependencies, sorted by import path.
 * Packages are numbered so the per-package union works on integers, not strings.
 */
export function collectAllDeps(all: Package[], intern: { ids: Map<string, number>; lists: Map<string, string[]> }): void {
  const n = all.length;
  const id = new Map<Package, number>();
  all.forEach((p, i) => id.set(p, i));
  const byPath = [...all.keys()].sort((a, b) => {
    const x = all[a]!.ImportPath;
    const y = all[b]!.ImportPath;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Int32Array(n);
  byPath.forEach((i, r) => (rank[i] = r));
  // A number per import path, the same in every target of the run: keys for interning.
  const gid = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const path = all[byPath[r]!]!.ImportPath;
    let g = intern.ids.get(path);
    if (g === undefined) intern.ids.set(path, (g = intern.ids.size));
    gid[r] = g;
  }
  const deps: Int32Array[] = new Array<Int32Array>(n);
  const stamp = new Int32Array(n).fill(-1);
  const buf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = all[i]!;
    let k = 0;
    const add = (j: number) => {
      if (stamp[j] !== i) {
        stamp[j] = i;
        buf[k++] = rank[j]!;
      }
    };
    for (const q of p.Internal.imports) {
      const j = id.get(q);
      if (j === undefined) continue;
      add(j);
      for (const d of deps[j] ?? []) add(byPath[d]!);
    }
    const mine = buf.slice(0, k).sort();
    deps[i] = mine;
    // Identical lists (common across targets) share one array, so that printers can reuse
    // their rendering of it.
    let key = "";
    for (const r of mine) key += String.fromCharCode(gid[r]! & 0xffff, gid[r]! >>> 16);
    let list = intern.lists.get(key);
    if (!list) intern.lists.set(key, (list = Array.from(mine, (r) => all[byPath[r]!]!.ImportPath)));
    p.Deps = list;
  }
}

export function collectDepsErrors(p: Package): void {
  const errs = new Set<PackageError>();
  for (const q of p.Internal.imports) {
    if (q.Error) errs.add(q.Error);
    for (const e of q.DepsErrors) errs.add(e);
  }
  p.DepsErrors = [...errs].sort((a, b) => {
    const sa = a.ImportStack;
    const sb = b.ImportStack;
    if (sa.length === 0) return sb.length !== 0 ? -1 : a.Err < b.Err ? -1 : a.Err > b.Err ? 1 : 0;
    if (sb.length === 0) return 1;
    const pa = sa[sa.length - 1]!;
    const pb = sb[sb.length - 1]!;
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
}
