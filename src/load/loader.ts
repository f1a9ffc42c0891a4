// Loading the import graph for one target: resolving import paths to directories (GOROOT,
// std's vendor directories, the main module, its vendor directory or the module cache),
// selecting files, adding cmd/go's implicit imports, and computing Deps and DepsErrors the
// way `go list -deps` does.

import { basename } from "node:path";
import {
  archToolTags,
  newBuildContext,
  type BuildContext,
  type TargetLike,
  type ToolchainDefaults,
} from "./context.js";
import { dirErrorMessage, scanDirShared, type Position } from "./dirpkg.js";
import { EmbedError, resolveEmbed } from "./embed.js";
import { SourceCache } from "./fs.js";
import { setDefaultGODEBUG } from "./godebug.js";
import { allFiles, copyBuild, emptyPackage, noGoMessage, patternErrorPackage } from "./newpkg.js";
import { internalAllowed, reusePackage } from "./importcheck.js";
import {
  collectAllDeps,
  collectDepsErrors,
  packageList,
  renamePGOCopies,
  splitPGO,
} from "./graph.js";
import { goQuote } from "../goinfo/quote.js";
import { linkerDeps, portRules } from "../platform/rules.js";
import { foldDup, safeArg } from "./str.js";
import { openModules, type ModuleState } from "./modules.js";
import type { ModuleInfo, Package, PackageError } from "./package.js";
import { expandPatterns, isStandardImportPath, shortPath } from "./patterns.js";
import { outsideModules } from "./moddirs.js";
import { readToolchainInfo, type ToolchainInfo } from "./toolchain.js";

export type { Package, PackageError, ModuleInfo } from "./package.js";
export { packageList } from "./graph.js";

/** LoadOptions configure {@link loadPackages}. */
export interface LoadOptions {
  target: TargetLike; // e.g. platform's resolveTarget("linux/arm/v6")
  goroot: string;
  dir: string; // working directory: where go.mod / go.work are searched from
  tags?: readonly string[]; // -tags
  cgo?: boolean; // CGO_ENABLED; default: go's default for the target on this host
  env?: Record<string, string | undefined>; // GOFLAGS, GOWORK, GOMODCACHE, GOEXPERIMENT, ... (default process.env)
  cache?: SourceCache; // share one cache across targets of a run
  modules?: ModuleState; // share module resolution across targets of a run
  deps?: boolean; // list dependencies too (-deps); default true
  pgo?: "auto" | "off"; // -pgo: auto (default) applies each main package's default.pgo
}

/** Stack is an import stack: import paths from a command-line package down to the current one. */
type Stack = string[];

const RESOLVED = new WeakMap<
  ModuleState,
  Map<string, Resolved | { error: string; path: string }>
>();

const CGO_EXCLUDE = new Set(["runtime/cgo"]);
const CGO_SYSCALL_EXCLUDE = new Set([
  "runtime/cgo",
  "runtime/race",
  "runtime/msan",
  "runtime/asan",
]);

/** LoadResult is every package loaded, in `go list -deps` order (dependencies first). */
export interface LoadResult {
  packages: Package[]; // roots and, with deps, their dependencies in post-order
  roots: Package[];
  context: BuildContext;
  errors: string[]; // pattern errors (e.g. "matched no packages" warnings are not errors)
}

/**
 * loadPackages loads the packages matching patterns, and all their dependencies, for one
 * target. The returned packages carry go list's field names (see Package); errors are
 * recorded on the packages (go list -e), never thrown, except for unusable options.
 */
export async function loadPackages(patterns: string[], opts: LoadOptions): Promise<Package[]> {
  return (await load(patterns, opts)).packages;
}

/** load is loadPackages with the roots and the build context returned as well. */
export function load(patterns: string[], opts: LoadOptions): Promise<LoadResult> {
  try {
    return Promise.resolve(loadSync(patterns, opts));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/** loadSync is load without the Promise: all I/O goes through the synchronous LoadFS. */
export function loadSync(patterns: string[], opts: LoadOptions): LoadResult {
  const env = opts.env ?? process.env;
  const cache = opts.cache ?? new SourceCache();
  const tc = readToolchainInfo(cache, opts.goroot);
  const ctx = buildContextFor(opts, tc, env);
  const modules = opts.modules ?? openModules(cache, { dir: opts.dir, goroot: opts.goroot, env });
  const ld = new Loader(ctx, cache, opts.goroot, modules, opts.dir);
  const { roots: rootPaths, errors } = expandPatterns(patterns, {
    ctx,
    cache,
    goroot: opts.goroot,
    dir: opts.dir,
    modules,
  });
  const roots: Package[] = [];
  const addRoot = (p: Package, match: string) => {
    if (!p.Match.includes(match)) p.Match.push(match);
    if (!roots.includes(p)) roots.push(p);
  };
  for (const r of rootPaths) {
    if (r.path === "all" && r.match.includes("all") && r.dir === undefined) {
      for (const p of ld.loadAll()) addRoot(p, "all");
      continue;
    }
    if (r.error !== undefined) {
      roots.push(patternErrorPackage(r.path, r.dir ?? "", r.error));
      continue;
    }
    const p = ld.loadRoot(r.path, r.dir);
    for (const m of r.match) addRoot(p, m);
  }
  if (opts.pgo !== "off") splitPGO(roots, cache);
  const walked = packageList(roots);
  if (opts.pgo !== "off" && roots.length > 1) renamePGOCopies(walked);
  const all = opts.deps === false ? roots : walked;
  for (const p of roots) p.DepOnly = false;
  for (const p of walked) {
    p.TestImports = ld.resolveList(p, p.TestImports);
    p.XTestImports = ld.resolveList(p, p.XTestImports);
  }
  collectAllDeps(walked);
  for (const p of walked) collectDepsErrors(p);
  if (ctx.goMinor >= 21) setDefaultGODEBUG(walked, cache, tc, modules, env);
  return { packages: all, roots, context: ctx, errors };
}

/** buildContextFor builds the BuildContext of opts (cgo default, tool tags, experiments). */
export function buildContextFor(
  opts: LoadOptions,
  tc: ToolchainInfo,
  env: Record<string, string | undefined>,
): BuildContext {
  const t = opts.target;
  const defaults: Partial<ToolchainDefaults> = { ...tc.defaults, GOEXPERIMENT: tc.goexperiment };
  const cgo = opts.cgo ?? defaultCgoEnabled(t.goos, t.goarch, tc, env);
  const target: TargetLike = {
    ...t,
    toolTags: t.toolTags ?? archToolTags(t.goos, t.goarch, tc.minor, t.env ?? {}, defaults),
  };
  const o: Parameters<typeof newBuildContext>[0] = {
    target,
    goMinor: tc.minor,
    cgoEnabled: cgo,
    defaults,
  };
  if (opts.tags) o.tags = opts.tags;
  const exp = env.GOEXPERIMENT;
  if (exp !== undefined) o.goexperiment = exp;
  return newBuildContext(o);
}

/**
 * defaultCgoEnabled is cmd/go's default for CGO_ENABLED: the environment's value when set;
 * off when cross-compiling; else on when the port supports cgo and its C compiler is found.
 */
export function defaultCgoEnabled(
  goos: string,
  goarch: string,
  tc: ToolchainInfo,
  env: Record<string, string | undefined>,
): boolean {
  const v = env.CGO_ENABLED;
  if (v === "0" || v === "1") return v === "1";
  if (goos !== tc.hostOS || goarch !== tc.hostArch) return false;
  if (!tc.cgoSupported(goos, goarch)) return false;
  if (env.CC !== undefined && env.CC !== "") return true;
  return tc.hasDefaultCC(goos, goarch, env.PATH ?? "");
}

/** Resolved is where an import path was found. */
export interface Resolved {
  path: string; // the package's import path (vendor-expanded)
  dir: string;
  root: string; // go list's Root
  goroot: boolean;
  module?: ModuleInfo;
  goVersion: string;
  noRoot?: boolean; // go list prints no Root (vendored packages)
}

/** Loader loads packages of one target, memoizing by import path. */
class Loader {
  private cache = new Map<string, Package>();

  constructor(
    readonly ctx: BuildContext,
    readonly src: SourceCache,
    readonly goroot: string,
    readonly modules: ModuleState,
    readonly cwd: string,
  ) {}

  /** resolveList maps import paths as p would resolve them, sorted (Package.Resolve). */
  resolveList(p: Package, paths: readonly string[]): string[] {
    const out = paths.map((path) => {
      if (path === "C") return path;
      const r = this.resolve(path, p);
      return "error" in r ? path : r.path;
    });
    return out.sort();
  }

  /**
   * loadAll loads the "all" pattern: the main modules' packages, their dependencies, and the
   * dependencies of their tests, sorted by import path.
   */
  loadAll(): Package[] {
    const mains = this.modules
      .mainPackages(this.ctx, this.src)
      .map((m) => this.loadRoot(m.path, m.dir));
    const tests: Package[] = [];
    for (const p of mains) {
      for (const path of [...p.TestImports, ...p.XTestImports]) {
        if (path === "C") continue;
        tests.push(this.loadImport(path, p, [p.ImportPath], p.Internal.importPos.get(path) ?? []));
      }
    }
    // modload's "all" follows the imports written in the source, not cmd/go's implicit ones.
    const seen = new Set<Package>();
    const walk = (p: Package) => {
      if (seen.has(p)) return;
      seen.add(p);
      for (const path of p.Imports) {
        const q = this.cache.get(path);
        if (q) walk(q);
      }
    };
    for (const p of [...mains, ...tests]) walk(p);
    // Each package of "all" is a command-line root: reaching it again from the command line
    // shortens the import stacks of its errors.
    for (const p of seen)
      if (p.Error) reusePackage(p, [p.ImportPath], (s) => this.withImportFiles(s));
    return [...seen].sort((a, b) =>
      a.ImportPath < b.ImportPath ? -1 : a.ImportPath > b.ImportPath ? 1 : 0,
    );
  }

  loadRoot(path: string, dir?: string): Package {
    return this.loadImport(path, undefined, [], [], dir);
  }

  /** stdVendor maps an import made by a std or cmd package to its vendored copy, if any. */
  private stdVendor(parentPath: string, path: string): string {
    if (isStandardImportPath(path)) return path;
    const prefix =
      parentPath === "cmd" || parentPath.startsWith("cmd/") ? "cmd/vendor/" : "vendor/";
    const vp = prefix + path;
    if (this.src.isDir(`${this.goroot}/src/${vp}`)) return vp;
    return path;
  }

  /** resolve finds the directory of path imported from parent (undefined parent: a root). */
  private resolve(
    path: string,
    parent: Package | undefined,
  ): Resolved | { error: string; path: string } {
    // Resolution does not depend on the target: memoize it per module state, shared by the
    // targets of a run. The importer matters only as std, cmd or neither.
    const kind = parent?.Standard ? (parent.ImportPath.startsWith("cmd/") ? "c" : "s") : "-";
    let memo = RESOLVED.get(this.modules);
    if (!memo)
      RESOLVED.set(
        this.modules,
        (memo = new Map<string, Resolved | { error: string; path: string }>()),
      );
    const key = kind + path;
    let r = memo.get(key);
    if (!r) memo.set(key, (r = this.resolveUncached(path, parent)));
    return r;
  }

  private resolveUncached(
    path: string,
    parent: Package | undefined,
  ): Resolved | { error: string; path: string } {
    if (parent?.Standard) path = this.stdVendor(parent.ImportPath, path);
    if (isStandardImportPath(path)) {
      const dir = `${this.goroot}/src/${path}`;
      const inGoroot = this.isStdDir(dir);
      if (inGoroot) return { path, dir, root: this.goroot, goroot: true, goVersion: "" };
      const m = this.modules.resolveStdLike?.(path);
      if (m) return m;
      return { path, error: `package ${path} is not in std (${dir})` };
    }
    const r = this.modules.resolve(path, parent);
    if ("error" in r) return { path, error: r.error };
    return r;
  }

  private isStdDir(dir: string): boolean {
    const st = this.src.dirState(dir);
    st.hasGo ??= (this.src.readDir(dir) ?? []).some((e) => !e.isDir && e.name.endsWith(".go"));
    return st.hasGo;
  }

  loadImport(
    path: string,
    parent: Package | undefined,
    stack: Stack,
    importPos: readonly Position[],
    rootDir?: string,
  ): Package {
    return this.importChecked(path, parent, stack, importPos, rootDir).pkg;
  }

  /**
   * importChecked loads path as imported by parent and applies the checks that depend on the
   * importer (load.loadImport): use of another tree's internal packages, importing a
   * program. Their error belongs to the importer, not to the imported package.
   */
  importChecked(
    path: string,
    parent: Package | undefined,
    stack: Stack,
    importPos: readonly Position[],
    rootDir?: string,
  ): { pkg: Package; err?: PackageError } {
    const pkg = this.loadUnchecked(path, parent, stack, importPos, rootDir);
    if (!parent) return { pkg };
    const at = (err: string): { pkg: Package; err: PackageError } => ({
      pkg,
      err: { ImportStack: [...stack], Pos: this.shortPos(importPos[0]), Err: err },
    });
    if (
      !(this.ctx.goMinor >= 27 && pkg.ImportPath === "simd/internal/bridge") &&
      !internalAllowed(parent, pkg)
    ) {
      const r = at(`use of internal package ${pkg.ImportPath} not allowed`);
      r.err.alwaysPrintStack = true;
      return r;
    }
    if (pkg.Name === "main" && parent.Dir !== pkg.Dir)
      return at(`import "${path}" is a program, not an importable package`);
    return { pkg };
  }

  private loadUnchecked(
    path: string,
    parent: Package | undefined,
    stack: Stack,
    importPos: readonly Position[],
    rootDir?: string,
  ): Package {
    let r: Resolved | { error: string; path: string };
    if (rootDir !== undefined) {
      const m = this.modules.resolveDir(rootDir, path);
      // expandPatterns passes a directory only when resolveLocal placed it in a main module.
      r = m ?? {
        path,
        error: outsideModules(shortPath(this.cwd, rootDir), this.modules.workspace),
      };
    } else {
      r = this.resolve(path, parent);
    }
    const key = r.path;
    const p = this.cache.get(key);
    if (p) return reusePackage(p, [...stack, key], (stk) => this.withImportFiles(stk));
    const np = emptyPackage(key, "error" in r ? "" : r.dir);
    this.cache.set(key, np);
    if ("error" in r) {
      // A problem with the import itself: reported on the importer's side, at the import.
      np.Incomplete = true;
      np.Error = {
        ImportStack: [...stack],
        Pos: stack.length > 0 ? this.shortPos(importPos[0]) : "",
        Err: r.error,
      };
      return np;
    }
    this.loadPackage(np, r, stack, importPos);
    return np;
  }

  /**
   * useIndex reports whether cmd/go reads r's directory through its module index (whose
   * handling of a malformed //go:build line differs from go/build's): GOROOT and module cache
   * packages always; other directories only outside vendor mode, when every file is a regular
   * file last modified more than 2 seconds ago (modindex.dirHash).
   */
  private useIndex(r: Resolved): boolean {
    if (r.goroot) return true;
    if (this.modules.mode === "vendor") return false;
    const mc = this.modules.modcache;
    if (mc !== "" && r.dir.startsWith(mc + "/")) return true;
    const cutoff = Date.now() - 2000;
    for (const e of this.src.readDir(r.dir) ?? []) {
      if (e.isDir) continue;
      if (e.isSymlink || !e.isFile) return false;
      const m = this.src.stat(r.dir + "/" + e.name)?.mtimeMs;
      if (m === undefined || m > cutoff) return false;
    }
    return true;
  }

  /**
   * checkInputs is load's checks on a package's file names before its imports load: no two
   * input files equal under case folding, none that could read as a flag, a safe directory.
   * It reports whether loading goes on (go stops at the first failure).
   */
  private checkInputs(p: Package, setError: (err: string) => void): boolean {
    const inputs = allFiles(p);
    const dup = foldDup(inputs);
    if (dup) {
      setError(`case-insensitive file name collision: ${goQuote(dup[0])} and ${goQuote(dup[1])}`);
      return false;
    }
    for (const file of inputs) {
      if (!safeArg(file) || file.startsWith("_cgo_")) {
        setError(`invalid input file name ${goQuote(file)}`);
        return false;
      }
    }
    const name = p.ImportPath.slice(p.ImportPath.lastIndexOf("/") + 1);
    if (!safeArg(name)) {
      setError(`invalid input directory name ${goQuote(name)}`);
      return false;
    }
    if (/[\r\n]/.test(p.Dir)) {
      setError(`invalid package directory ${goQuote(p.Dir)}`);
      return false;
    }
    return true;
  }

  /**
   * withImportFiles is an import stack with the file of each import ("b from a.go"), found in
   * the importer's import positions (ImportStack.PkgsWithPos, for import cycles).
   */
  private withImportFiles(stk: readonly string[]): string[] {
    return stk.map((path, i) => {
      const importer = i > 0 ? this.cache.get(stk[i - 1]!) : undefined;
      const pos = importer?.Internal.importPos.get(path)?.[0];
      return pos === undefined ? path : `${path} from ${basename(pos.file)}`;
    });
  }

  /** shortPos formats a position with its file relative to the working directory when shorter (base.ShortPath). */
  shortPos(pos: Position | undefined): string {
    if (pos === undefined) return "";
    return `${shortPath(this.cwd, pos.file)}:${pos.line}:${pos.col}`;
  }

  private loadPackage(p: Package, r: Resolved, stack: Stack, importPos: readonly Position[]): void {
    const ctx = this.ctx;
    p.Root = r.noRoot ? "" : r.root;
    p.Goroot = r.goroot;
    p.Standard = r.goroot && isStandardImportPath(p.ImportPath);
    p.GoVersion = r.goVersion;
    const bp = scanDirShared(ctx, this.src, r.dir, this.useIndex(r));
    copyBuild(p, bp);
    const selfStack = [...stack, p.ImportPath];
    const setError = (err: string) => {
      if (p.Error) return;
      p.Error = { ImportStack: selfStack, Pos: "", Err: err };
      p.Incomplete = true;
    };
    if (bp.error) {
      // load.setLoadPackageDataError: missing files and syntax errors are the package's own
      // problem (its path on the stack, no import position); other errors point at the import.
      p.Incomplete = true;
      const e = bp.error;
      if (e.kind === "nogo" || e.kind === "notfound") {
        p.Error = { ImportStack: selfStack, Pos: "", Err: noGoMessage(bp) };
      } else if (e.kind === "bad" && e.pos) {
        p.Error = {
          ImportStack: selfStack,
          Pos: this.shortPos(e.pos),
          Err: e.message.replace(/^.*?:\d+:\d+: /, ""),
        };
      } else {
        p.Error = {
          ImportStack: [...stack],
          Pos: stack.length > 0 ? this.shortPos(importPos[0]) : "",
          Err: dirErrorMessage(e),
        };
      }
    }
    const importPaths = [...p.Imports];
    const add = (path: string) => {
      if (!importPaths.includes(path)) importPaths.push(path);
    };
    if (
      ctx.goMinor >= 27 &&
      (ctx.goarch === "wasm" || ctx.goarch === "amd64" || ctx.goarch === "arm64")
    ) {
      if (p.Imports.includes("simd")) add("simd/internal/bridge");
    }
    const usesCgo = p.CgoFiles.length > 0;
    if (usesCgo) add("unsafe");
    if (usesCgo && (!p.Standard || !CGO_EXCLUDE.has(p.ImportPath))) add("runtime/cgo");
    if (usesCgo && (!p.Standard || !CGO_SYSCALL_EXCLUDE.has(p.ImportPath))) add("syscall");
    if (p.SwigFiles.length + p.SwigCXXFiles.length > 0) {
      add("unsafe");
      add("runtime/cgo");
      add("syscall");
      add("sync");
    }
    if (p.Name === "main") {
      const ld = linkerDeps(portRules(ctx.goMinor), ctx.goos, ctx.goarch, ctx.cgoEnabled);
      if ("error" in ld) {
        if (!p.Error)
          p.Error = {
            ImportStack: [...stack],
            Pos: stack.length > 0 ? this.shortPos(importPos[0]) : "",
            Err: ld.error,
          };
        p.Incomplete = true;
        return;
      }
      for (const d of ld.deps) add(d);
    }
    // load.(*Package).load sets Module and DefaultGODEBUG only past the linker-dependency
    // check: a main package that cannot link here has neither.
    if (r.module) p.Module = r.module;
    p.Internal.loaded = true;
    if (p.EmbedPatterns.length > 0) {
      try {
        const e = resolveEmbed(this.src, p.Dir, p.EmbedPatterns);
        p.EmbedFiles = e.files;
        p.Embed = e.patterns;
      } catch (err) {
        if (!(err instanceof EmbedError)) throw err;
        const pos = bp.embedPatternPos.get(err.pattern)?.[0];
        if (!p.Error)
          p.Error = { ImportStack: selfStack, Pos: this.shortPos(pos), Err: err.message };
        p.Incomplete = true;
      }
    }
    if (!this.checkInputs(p, setError)) return;
    const nRaw = p.Imports.length;
    for (let i = 0; i < importPaths.length; i++) {
      const path = importPaths[i]!;
      if (path === "C") continue;
      const { pkg: dep, err } = this.importChecked(
        path,
        p,
        selfStack,
        p.Internal.importPos.get(path) ?? [],
      );
      if (err && !p.Error) {
        p.Error = err;
        p.Incomplete = true;
      }
      if (i < nRaw) {
        p.Imports[i] = dep.ImportPath;
        if (dep.ImportPath !== path) p.ImportMap[path] = dep.ImportPath;
      }
      p.Internal.imports.push(dep);
      if (dep.Incomplete) p.Incomplete = true;
    }
    p.Internal.importsSet = true;
    if (!ctx.cgoEnabled) {
      p.CFiles = [];
      p.CXXFiles = [];
      p.MFiles = [];
      p.SwigFiles = [];
      p.SwigCXXFiles = [];
    }
    const usesSwig = p.SwigFiles.length + p.SwigCXXFiles.length > 0;
    if (p.CFiles.length > 0 && !usesCgo && !usesSwig) {
      setError(`C source files not allowed when not using cgo or SWIG: ${p.CFiles.join(" ")}`);
    } else if (p.CXXFiles.length > 0 && !usesCgo && !usesSwig) {
      setError(`C++ source files not allowed when not using cgo or SWIG: ${p.CXXFiles.join(" ")}`);
    } else if (p.MFiles.length > 0 && !usesCgo && !usesSwig) {
      setError(
        `Objective-C source files not allowed when not using cgo or SWIG: ${p.MFiles.join(" ")}`,
      );
    } else if (p.FFiles.length > 0 && !usesCgo && !usesSwig) {
      setError(
        `Fortran source files not allowed when not using cgo or SWIG: ${p.FFiles.join(" ")}`,
      );
    }
  }
}

export { type Position };
