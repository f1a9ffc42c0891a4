// The checks load.loadImport makes on an import that depend on who imports it: internal
// packages, and the import stacks of errors (the shortest one; import cycles).

import type { Package } from "./package.js";

// hasPathPrefix is str.HasPathPrefix: s is prefix or lies under it as a path.
function hasPathPrefix(s: string, prefix: string): boolean {
  return (
    s === prefix || prefix === "" || s.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")
  );
}

/**
 * internalAllowed is load.disallowInternal's rule: a path with an "internal" element may be
 * imported only from within the tree rooted at the internal directory's parent (by
 * directory outside modules, by import path inside them).
 */
export function internalAllowed(importer: Package, p: Package): boolean {
  if (p.Error) return true;
  const path = p.ImportPath;
  let i: number;
  if (path.endsWith("/internal")) i = path.length - "internal".length;
  else if (path.includes("/internal/")) i = path.lastIndexOf("/internal/") + 1;
  else if (path === "internal" || path.startsWith("internal/")) i = 0;
  else return true;
  if (i > 0) i--; // the slash before internal
  const from = importer.ImportPath;
  if (hasPathPrefix(from, "crypto") && hasPathPrefix(path, "crypto/internal/fips140")) return true;
  if (hasPathPrefix(from, "crypto/internal/fips140")) return hasPathPrefix(path, "crypto/internal");
  if (p.Module === undefined) {
    const parent = p.Dir.slice(0, i + p.Dir.length - path.length);
    return hasPathPrefix(importer.Dir, parent);
  }
  return hasPathPrefix(from, path.slice(0, i));
}

/**
 * reusePackage is load.reusePackage: a package still loading its imports is in an import
 * cycle; an error keeps the shortest import stack that reaches the package.
 */
export function reusePackage(
  p: Package,
  stk: string[],
  withFiles: (stk: readonly string[]) => string[],
): Package {
  if (!p.Internal.importsSet) {
    if (!p.Error)
      p.Error = {
        ImportStack: stk,
        Pos: "",
        Err: "import cycle not allowed",
        cycleStack: withFiles(stk),
      };
    p.Internal.isImportCycle = true;
    p.Incomplete = true;
  }
  const e = p.Error;
  if (e && e.ImportStack.length > 0 && !p.Internal.isImportCycle && shorterThan(stk, e.ImportStack))
    e.ImportStack = stk;
  return p;
}

function shorterThan(s: string[], t: string[]): boolean {
  if (s.length !== t.length) return s.length < t.length;
  for (let i = 0; i < s.length; i++) if (s[i] !== t[i]) return s[i]! < t[i]!;
  return false;
}
