// The modules a main package's build info lists (cmd/go's setBuildInfo): its main module
// and every module that provides a package it imports, with the go.sum hash of each.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Module } from "../goinfo/modinfo.js";
import { compareSemver } from "./modfile.js";
import type { BuildPackage, ModuleInfo } from "./package.js";

// moduleOf is setBuildInfo's debugModFromModinfo.
function moduleOf(m: ModuleInfo, sums: (m: ModuleInfo) => string): Module {
  const out: Module = { Path: m.Path, Version: m.Version || "(devel)", Sum: "" };
  if (m.Replace) out.Replace = moduleOf(m.Replace, sums);
  else if (m.Version) out.Sum = sums(m);
  return out;
}

// goSumLookup gives a module's hash: the one the loader found (crossgo's loader reads go.sum),
// else the main module's go.sum line (go list -json does not report it).
function goSumLookup(mainDir: string | undefined): (m: ModuleInfo) => string {
  const table = new Map<string, string>();
  if (mainDir !== undefined) {
    try {
      for (const line of readFileSync(join(mainDir, "go.sum"), "utf8").split("\n")) {
        const f = line.trim().split(/\s+/);
        if (f.length === 3 && !(f[1] ?? "").endsWith("/go.mod"))
          table.set(`${f[0] ?? ""} ${f[1] ?? ""}`, f[2] ?? "");
      }
    } catch {
      // no go.sum: no sums, as with a module without dependencies
    }
  }
  return (m) => m.Sum ?? table.get(`${m.Path} ${m.Version ?? ""}`) ?? "";
}

/**
 * buildModules is the module part of main package p's build info, from the loaded packages
 * of its build (byPath: import path -> package): vendored builds record no sums; the
 * dependencies are sorted by path, then version.
 */
export function buildModules(
  p: BuildPackage,
  byPath: ReadonlyMap<string, BuildPackage>,
): { main: Module; deps: Module[] } {
  const mainDir = p.Module?.Dir;
  const vendored = [...byPath.values()].some(
    (q) => mainDir !== undefined && q.Dir.startsWith(join(mainDir, "vendor") + "/"),
  );
  const lookup = goSumLookup(mainDir);
  const sums = vendored ? () => "" : lookup;
  const main = p.Module ? moduleOf(p.Module, sums) : { Path: "", Version: "", Sum: "" };
  const deps = new Map<string, Module>();
  const seen = new Set<string>();
  const queue = [...p.Imports];
  while (queue.length > 0) {
    const path = queue.shift() ?? "";
    if (seen.has(path)) continue;
    seen.add(path);
    const q = byPath.get(path);
    if (!q) continue;
    if (q.Module && q.Module.Path !== main.Path) {
      const key = `${q.Module.Path}@${q.Module.Version ?? ""}`;
      if (!deps.has(key)) deps.set(key, moduleOf(q.Module, sums));
    }
    queue.push(...q.Imports);
  }
  const sortedDeps = [...deps.values()].sort((a, b) =>
    a.Path !== b.Path ? (a.Path < b.Path ? -1 : 1) : compareSemver(a.Version, b.Version),
  );
  return { main, deps: sortedDeps };
}
