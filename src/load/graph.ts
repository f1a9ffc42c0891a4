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
          Internal: {
            ...orig.Internal,
            imports: [...orig.Internal.imports],
            forMain: pmain.ImportPath,
          },
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
  for (const p of all)
    if (p.Internal.forMain !== undefined) p.ImportPath = `${p.ImportPath} [${p.Internal.forMain}]`;
  for (const p of all) {
    const m = new Map<string, string>();
    for (const q of p.Internal.imports) {
      if (q.Internal.forMain !== undefined)
        m.set(q.ImportPath.slice(0, q.ImportPath.lastIndexOf(" [")), q.ImportPath);
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
 * collectAllDeps sets every package's Deps (list.collectDeps): its imports and their
 * dependencies, sorted by import path. Packages are numbered in import path order, and each
 * dependency set is a bitset, so a union is a few word ORs and reading the bits in order
 * yields the sorted list.
 */
export function collectAllDeps(all: Package[]): void {
  const n = all.length;
  const byPath = [...all.keys()].sort((a, b) => {
    const x = all[a]!.ImportPath;
    const y = all[b]!.ImportPath;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Map<Package, number>();
  byPath.forEach((i, r) => rank.set(all[i]!, r));
  const paths = byPath.map((i) => all[i]!.ImportPath);
  const words = (n + 31) >>> 5;
  const sets = new Map<Package, Uint32Array>();
  for (const p of all) {
    const set = new Uint32Array(words);
    for (const q of p.Internal.imports) {
      const r = rank.get(q);
      if (r === undefined) continue;
      set[r >>> 5]! |= 1 << (r & 31);
      const qs = sets.get(q);
      if (qs) for (let w = 0; w < words; w++) set[w]! |= qs[w]!;
    }
    sets.set(p, set);
    const deps: string[] = [];
    for (let w = 0; w < words; w++) {
      let x = set[w]!;
      while (x !== 0) {
        const bit = 31 - Math.clz32(x & -x);
        deps.push(paths[(w << 5) + bit]!);
        x &= x - 1;
      }
    }
    p.Deps = deps;
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
