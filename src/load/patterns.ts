// Package patterns: "std", "cmd", "all", import paths, "..." wildcards and directory paths,
// expanded to the root packages to load (cmd/go's search and modload.matchPackages).

import { relative } from "node:path";
import type { Expr } from "../constraint/index.js";
import { goodOSArchFile, type BuildContext } from "./context.js";
import { shouldBuild } from "./fileconstraint.js";
import { byteOrder, scanDirShared } from "./dirpkg.js";
import type { SourceCache } from "./fs.js";
import { moduleScope, NO_MAIN_MODULE } from "./moddirs.js";
import type { ModuleState } from "./modules.js";
import type { ErrorKind } from "../errors.js";

/** isStandardImportPath reports whether path's first element has no dot (std, cmd, vendor/...). */
export function isStandardImportPath(path: string): boolean {
  const i = path.indexOf("/");
  const first = i < 0 ? path : path.slice(0, i);
  return !first.includes(".");
}

/** isLocalPattern reports whether a pattern is a file system path (., .., ./x, ../x or absolute). */
export function isLocalPattern(p: string): boolean {
  return p === "." || p === ".." || p.startsWith("./") || p.startsWith("../") || p.startsWith("/");
}

/** matchPattern returns a predicate for a "..." pattern (pkgpattern.MatchPattern). */
export function matchPattern(pattern: string): (name: string) => boolean {
  let re = "";
  for (const part of pattern.split("...")) {
    if (re !== "") re += ".*";
    re += part.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  }
  // "x/..." also matches "x" itself.
  if (re.endsWith("/.*")) re = re.slice(0, -3) + "(/.*)?";
  // A vendor element cannot be matched by a wildcard unless the pattern names it.
  const matchVendor = pattern.includes("vendor");
  const rx = new RegExp("^" + re + "$");
  return (name) => rx.test(name) && (matchVendor || !hasVendorElemAfterWildcard(pattern, name));
}

function hasVendorElemAfterWildcard(pattern: string, name: string): boolean {
  const lit = pattern.slice(
    0,
    pattern.indexOf("...") >= 0 ? pattern.indexOf("...") : pattern.length,
  );
  const rest = name.slice(Math.min(lit.length, name.length));
  return /(^|\/)vendor(\/|$)/.test(rest) && !/(^|\/)vendor(\/|$)/.test(lit);
}

/** treeCanMatch reports whether a name or its subtree can match a "..." pattern. */
export function treeCanMatch(pattern: string): (name: string) => boolean {
  const i = pattern.indexOf("...");
  if (i < 0) return (name) => name === pattern || pattern.startsWith(name + "/");
  const prefix = pattern.slice(0, i);
  return (name) =>
    name === prefix || name.startsWith(prefix) || prefix.startsWith(name + "/") || name === "";
}

/**
 * RootSpec is one package to load as a root, with the patterns that matched it. A pattern go
 * cannot resolve to a package is a root with an error: go list reports it as a package whose
 * import path is the pattern.
 */
export interface RootSpec {
  path: string;
  dir?: string; // for directory patterns in a main module: the package directory
  match: string[];
  error?: string;
}

/**
 * NoMainModuleError is go's fatal "go.mod file not found" for a directory pattern that
 * needs a main module when there is none (modload's die).
 */
export class NoMainModuleError extends Error {
  override name = "NoMainModuleError";
  readonly kind: ErrorKind = "failure";
}

/** shortPath is base.ShortPath: p relative to cwd when that is shorter. */
export function shortPath(cwd: string, p: string): string {
  const rel = relative(cwd, p) || ".";
  return rel.length < p.length ? rel : p;
}

/** ExpandOptions are the inputs of {@link expandPatterns}. */
export interface ExpandOptions {
  ctx: BuildContext;
  cache: SourceCache;
  goroot: string;
  dir: string;
  modules: ModuleState;
}

/**
 * expandPatterns turns command-line patterns into root packages, in the order go list
 * reports them. errors holds warnings such as `matched no packages`.
 */
export function expandPatterns(
  patterns: readonly string[],
  o: ExpandOptions,
): { roots: RootSpec[]; errors: string[] } {
  const roots: RootSpec[] = [];
  const byPath = new Map<string, RootSpec>();
  const errors: string[] = [];
  const add = (path: string, pattern: string, dir?: string) => {
    let r = byPath.get(path);
    if (!r) {
      r = { path, match: [] };
      if (dir !== undefined) r.dir = dir;
      byPath.set(path, r);
      roots.push(r);
    }
    if (!r.match.includes(pattern)) r.match.push(pattern);
  };
  // A pattern that names no package: a root of its own, after what the pattern matched.
  const addError = (pattern: string, error: string, dir?: string) => {
    const r: RootSpec = { path: pattern, match: [pattern], error };
    if (dir !== undefined) r.dir = dir;
    roots.push(r);
  };
  for (const pattern of patterns.length === 0 ? ["."] : patterns) {
    if (pattern === "std" || pattern === "cmd") {
      for (const p of walkGoroot(o, pattern)) add(p, pattern);
    } else if (pattern === "all") {
      add("all", "all"); // expanded by the loader, which needs the import graph
    } else if (isLocalPattern(pattern)) {
      const abs = absPath(o.dir, pattern);
      if (pattern.includes("...")) {
        const base = abs.slice(0, abs.indexOf("..."));
        const root = base.endsWith("/") ? base.slice(0, -1) : base.slice(0, base.lastIndexOf("/"));
        if (!o.modules.containsDir(root || "/")) {
          addError(
            pattern,
            `pattern ${pattern}: directory prefix ${shortPath(o.dir, root || "/")} does not contain ${moduleScope(o.modules.workspace)}`,
          );
          continue;
        }
        const match = matchPattern(abs);
        let n = 0;
        for (const dir of walkDirs(o.cache, root, true)) {
          if (!match(dir) || !hasPackage(o, dir)) continue;
          const ip = o.modules.dirToImportPath(dir);
          if (ip === undefined) continue;
          add(ip, pattern, dir);
          n++;
        }
        if (n === 0) errors.push(`warning: "${pattern}" matched no packages`);
      } else {
        const r = resolveLocalDir(o, abs);
        if ("error" in r) {
          if (o.modules.mode === "none") throw new NoMainModuleError(NO_MAIN_MODULE);
          addError(pattern, r.error, r.dir);
        } else add(r.path, pattern, r.main ? abs : undefined);
      }
    } else if (pattern.includes("...")) {
      const match = matchPattern(pattern);
      const can = treeCanMatch(pattern);
      const found = new Set<string>();
      const first = pattern.split("/")[0] ?? "";
      if (!first.includes(".") && !first.includes("...")) {
        for (const p of walkGoroot(o, "std", match)) found.add(p);
        if (can("cmd")) for (const p of walkGoroot(o, "cmd", match)) found.add(p);
      } else if (first.includes("...")) {
        for (const p of walkGoroot(o, "std", match)) found.add(p);
      }
      for (const m of o.modules.walkRoots()) {
        if (!can(m.path) && !m.path.startsWith(pattern.slice(0, pattern.indexOf("...")))) continue;
        for (const dir of walkDirs(o.cache, m.dir, true)) {
          const rel = dir.slice(m.dir.length);
          const ip = m.path === "" ? rel.slice(1) : m.path + rel;
          if (!can(ip)) continue;
          if (match(ip) && hasPackage(o, dir)) found.add(ip);
        }
      }
      const list = [...found].sort(byteOrder);
      if (list.length === 0) errors.push(`warning: "${pattern}" matched no packages`);
      for (const p of list) add(p, pattern);
    } else {
      add(pattern, pattern);
    }
  }
  return { roots, errors };
}

/**
 * resolveLocalDir is modload.resolveLocalPackage for a directory pattern: a directory that
 * does not exist or holds no Go files at all (not even excluded ones) names no package; else
 * the modules say which package it is.
 */
function resolveLocalDir(
  o: ExpandOptions,
  abs: string,
): { path: string; main: boolean } | { error: string; dir?: string } {
  if (!o.cache.isDir(abs)) return { error: `stat ${abs}: directory not found` };
  const bp = scanDirShared(o.ctx, o.cache, abs);
  if (bp.error?.kind === "nogo" && bp.ignoredGoFiles.length === 0)
    return { error: `no Go files in ${abs}`, dir: abs };
  return o.modules.resolveLocal(abs, o.dir);
}

/** absPath is filepath.Join(cwd, p) for an absolute cwd: p made absolute and clean. */
export function absPath(cwd: string, p: string): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith("/") ? p : cwd + "/" + p).split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}

/**
 * walkDirs lists dir and its subdirectories in lexical order, skipping .x, _x and testdata
 * trees and, when pruneModules, nested modules (directories with a go.mod) and vendor trees.
 */
export function walkDirs(cache: SourceCache, dir: string, pruneModules: boolean): string[] {
  const out: string[] = [];
  const walk = (d: string, top: boolean) => {
    if (!top) {
      const elem = d.slice(d.lastIndexOf("/") + 1);
      if (elem.startsWith(".") || elem.startsWith("_") || elem === "testdata") return;
      if (pruneModules && (elem === "vendor" || cache.isFile(d + "/go.mod"))) return;
    }
    out.push(d);
    for (const e of cache.readDir(d) ?? [])
      if (e.isDir && !e.isSymlink) walk(d + "/" + e.name, false);
  };
  walk(dir, true);
  return out;
}

/**
 * hasPackage reports whether a wildcard pattern matches the package in dir: modload's scan
 * finds Go files for the target, and go/build does not find them all excluded (wildcard
 * matches with no buildable Go files are dropped).
 */
function hasPackage(o: ExpandOptions, dir: string): boolean {
  return (
    hasGoFiles(o.ctx, o.cache, dir) && scanDirShared(o.ctx, o.cache, dir).error?.kind !== "nogo"
  );
}

/**
 * hasGoFiles is modload's directory test for "..." patterns (imports.ScanDir with the
 * context's tags): some Go file, test files included, is selected for the target, and cgo
 * files only count with cgo enabled.
 */
export function hasGoFiles(ctx: BuildContext, cache: SourceCache, dir: string): boolean {
  for (const e of cache.readDir(dir) ?? []) {
    if (e.isDir || !e.name.endsWith(".go") || e.name.startsWith("_") || e.name.startsWith("."))
      continue;
    if (!goodOSArchFile(ctx, e.name)) continue;
    const src = cache.source(dir + "/" + e.name, true);
    if (src.constraint.error !== undefined || !shouldBuild(ctx, src.constraint)) continue;
    if (!ctx.cgoEnabled && src.go?.imports.some((i) => i.path === "C")) continue;
    return true;
  }
  return false;
}

/** evalAnyTags evaluates x with every tag but "ignore" both true and false (imports.AnyTags). */
export function evalAnyTags(x: Expr, prefer: boolean): boolean {
  switch (x.kind) {
    case "tag":
      return x.tag === "ignore" ? false : prefer;
    case "not":
      return !evalAnyTags(x.x, !prefer);
    case "and":
      return evalAnyTags(x.x, prefer) && evalAnyTags(x.y, prefer);
    case "or":
      return evalAnyTags(x.x, prefer) || evalAnyTags(x.y, prefer);
  }
}

/** walkGoroot lists the packages of "std" or "cmd" for the target (search.MatchPackages). */
function walkGoroot(
  o: ExpandOptions,
  pattern: "std" | "cmd",
  match?: (name: string) => boolean,
): string[] {
  const src = o.goroot + "/src";
  const root = pattern === "cmd" ? src + "/cmd" : src;
  const out: string[] = [];
  const walk = (dir: string) => {
    const name = dir.slice(src.length + 1);
    const elem = dir.slice(dir.lastIndexOf("/") + 1);
    if (dir !== src) {
      if (elem.startsWith(".") || elem.startsWith("_") || elem === "testdata") return;
      if (pattern === "std" && (!isStandardImportPath(name) || name === "cmd")) return;
      if (name === "builtin" || (name === "runtime/cgo" && !o.ctx.cgoEnabled)) {
        // builtin exists only for documentation; runtime/cgo needs cgo.
      } else if (match === undefined || match(name)) {
        const bp = scanDirShared(o.ctx, o.cache, dir);
        const skip =
          bp.error?.kind === "nogo" ||
          bp.error?.kind === "notfound" ||
          (pattern === "cmd" && name.startsWith("cmd/vendor") && bp.name === "main");
        if (!skip) out.push(name);
      }
    }
    for (const e of o.cache.readDir(dir) ?? []) if (e.isDir) walk(dir + "/" + e.name);
  };
  walk(root);
  return out;
}
