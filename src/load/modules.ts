// Module mode: finding the main module(s) (go.mod, go.work), building the module graph
// from go.mod files in the module cache with minimal version selection (and Go 1.17 graph
// pruning), applying replace directives, reading vendor/modules.txt in -mod=vendor mode,
// and mapping import paths to module directories (modload's importFromModules).

import type { BuildContext } from "./context.js";
import type { SourceCache } from "./fs.js";
import { latin1, utf8 } from "./gofile.js";
import type { Resolved } from "./loader.js";
import {
  compareSemver,
  escapeModulePath,
  parseModFile,
  parseVendorModules,
  type ModFile,
  type ModVersion,
  type Replace,
  type VendorModule,
} from "./modfile.js";
import type { ModuleInfo, Package } from "./package.js";
import {
  dirPhrase,
  findModuleRoot,
  gorootImportPath,
  inDir,
  isStdModule,
  nestedModule,
  noModule,
  outsideModules,
  parentDir,
} from "./moddirs.js";
import { absPath, hasGoFiles as dirHasGoFiles, shortPath, walkDirs } from "./patterns.js";
import type { ErrorKind } from "../errors.js";
import { compareGo } from "../platform/version.js";

/** MainModule is one module being worked on (the go.mod module, or each go.work use). */
export interface MainModule {
  path: string;
  dir: string;
  goMod: string;
  goVersion: string;
  file: ModFile;
}

/** ModuleOptions are the inputs of {@link openModules}. */
export interface ModuleOptions {
  dir: string;
  goroot: string;
  env: Record<string, string | undefined>;
}

/** Selected is one module of the build list. */
interface Selected {
  path: string;
  version: string;
  dir: string; // where its files are ("" when not in the module cache)
  goMod: string;
  goVersion: string;
  replace?: ModuleInfo;
  time?: string;
  indirect?: boolean;
}

/** ModuleState answers the loader's questions about modules. */
export interface ModuleState {
  mode: "none" | "mod" | "vendor"; // none: no main module (only std and cmd resolve)
  workspace: boolean; // the main modules are a go.work's
  /**
   * godebug is what a main package's default GODEBUG starts from (MainModuleSet.GoVersion and
   * Godebugs): go.work's go version and godebug lines in a workspace, else the main module's;
   * undefined outside any module (the toolchain's own version applies).
   */
  godebug?: { goVersion: string; settings: [string, string][] };
  modcache: string; // GOMODCACHE ("" outside module mode)
  mainModules: MainModule[];
  /** resolve finds a non-standard import path. */
  resolve(path: string, parent: Package | undefined): Resolved | { error: string };
  /** resolveStdLike finds a dot-less import path outside GOROOT (a main module named "m"). */
  resolveStdLike?(path: string): Resolved | undefined;
  /** resolveDir describes the package in dir (a directory pattern) with import path guess. */
  resolveDir(dir: string, guess: string): Resolved | undefined;
  /**
   * resolveLocal is modload.resolveLocalPackage once dir is known to exist and hold Go files:
   * the import path of the package in dir, main when dir lies in a main module (the package
   * is then loaded from dir), or go's error, naming directories relative to cwd when shorter.
   */
  resolveLocal(dir: string, cwd: string): { path: string; main: boolean } | { error: string };
  /** containsDir reports whether a "dir/..." pattern may match: dir's module is a main module, or dir is in GOROOT/src or a selected module's directory (modload.matchLocalDirs). */
  containsDir(dir: string): boolean;
  /** dirToImportPath maps a directory inside a main module to its import path. */
  dirToImportPath(dir: string): string | undefined;
  /** mainPackages lists every package directory of the main modules. */
  mainPackages(ctx: BuildContext, cache: SourceCache): { path: string; dir: string }[];
  /** walkRoots lists the module roots a "..." pattern may search. */
  walkRoots(): { path: string; dir: string }[];
}

/** ModuleError is a go.mod/go.work problem that stops loading. */
export class ModuleError extends Error {
  override name = "ModuleError";
  readonly kind: ErrorKind = "failure";
}

function readText(cache: SourceCache, path: string): string | undefined {
  const b = cache.fs.readFile(path);
  return b === undefined ? undefined : utf8(latin1(b));
}

/** goFlag returns the value of -name=value in GOFLAGS, if any. */
function goFlag(env: Record<string, string | undefined>, name: string): string | undefined {
  let v: string | undefined;
  for (const f of (env.GOFLAGS ?? "").split(/\s+/)) {
    const m = new RegExp(`^--?${name}=(.*)$`).exec(f);
    if (m) v = m[1];
  }
  return v;
}

/** openModules finds the main modules for dir and prepares import resolution. */
export function openModules(cache: SourceCache, o: ModuleOptions): ModuleState {
  const env = o.env;
  if (env.GO111MODULE === "off")
    throw new ModuleError("GOPATH mode (GO111MODULE=off) is not supported");
  const gowork = env.GOWORK;
  let workFile: string | undefined;
  if (gowork !== undefined && gowork !== "" && gowork !== "off") workFile = gowork;
  else if (gowork !== "off") {
    for (let d = o.dir; ; d = parentDir(d)) {
      if (cache.isFile(d + "/go.work")) {
        workFile = d + "/go.work";
        break;
      }
      if (d === "/") break;
    }
  }
  const mains: MainModule[] = [];
  const readMain = (dir: string): MainModule => {
    const goMod = dir + "/go.mod";
    const text = readText(cache, goMod);
    if (text === undefined)
      throw new ModuleError(
        `go: cannot load module ${dir} listed in go.work file: open ${goMod}: no such file or directory`,
      );
    const file = parseModFile(text, goMod);
    return { path: file.module, dir, goMod, goVersion: file.go, file };
  };
  let workMod: ModFile | undefined;
  if (workFile !== undefined) {
    const text = readText(cache, workFile) ?? "";
    workMod = parseModFile(text, workFile);
    for (const u of workMod.use) mains.push(readMain(absPath(parentDir(workFile), u)));
  } else {
    const root = findModuleRoot(cache, o.dir);
    if (root !== undefined) mains.push(readMain(root));
  }
  if (mains.length === 0) return noModule(o.goroot);
  const gopath = (env.GOPATH ?? "").split(":")[0] || `${env.HOME ?? "/root"}/go`;
  const modcache = env.GOMODCACHE || `${gopath}/pkg/mod`;
  const first = mains[0]!;
  let mode: "mod" | "vendor" = "mod";
  const flag = goFlag(env, "mod");
  if (flag === "vendor") mode = "vendor";
  else if (
    flag === undefined &&
    workFile === undefined &&
    compareGo(first.goVersion || "1.0", "1.14") >= 0
  ) {
    if (cache.isFile(first.dir + "/vendor/modules.txt") || cache.isDir(first.dir + "/vendor"))
      mode = "vendor";
  }
  const replaces: Replace[] = [...(workMod?.replace ?? [])];
  const replaceBase = new Map<Replace, string>();
  for (const r of workMod?.replace ?? []) replaceBase.set(r, parentDir(workFile!));
  for (const m of mains) {
    for (const r of m.file.replace) {
      replaces.push(r);
      replaceBase.set(r, m.dir);
    }
  }
  const findReplace = (mv: ModVersion): Replace | undefined => {
    let wild: Replace | undefined;
    for (const r of replaces) {
      if (r.old.path !== mv.path) continue;
      if (r.old.version === mv.version) return r;
      if (r.old.version === "") wild = r;
    }
    return wild;
  };
  const modDir = (mv: ModVersion) =>
    `${modcache}/${escapeModulePath(mv.path)}@${escapeModulePath(mv.version)}`;
  const modInfoFile = (mv: ModVersion, ext: string) =>
    `${modcache}/cache/download/${escapeModulePath(mv.path)}/@v/${escapeModulePath(mv.version)}.${ext}`;
  const timeOf = (mv: ModVersion): string | undefined => {
    const t = readText(cache, modInfoFile(mv, "info"));
    if (t === undefined) return undefined;
    try {
      return (JSON.parse(t) as { Time?: string }).Time;
    } catch {
      return undefined;
    }
  };
  // go.sum lines: "path version h1:..." and "path version/go.mod h1:...".
  const sums = new Map<string, string>();
  const sumFiles = mains.map((m) => m.dir + "/go.sum");
  if (workFile !== undefined) sumFiles.push(workFile + ".sum");
  for (const f of sumFiles) {
    for (const line of (readText(cache, f) ?? "").split("\n")) {
      const w = line.trim().split(/\s+/);
      if (w.length === 3 && !sums.has(`${w[0]} ${w[1]}`)) sums.set(`${w[0]} ${w[1]}`, w[2]!);
    }
  }
  const addSums = (info: ModuleInfo, mv: ModVersion) => {
    const sum = sums.get(`${mv.path} ${mv.version}`);
    const modSum = sums.get(`${mv.path} ${mv.version}/go.mod`);
    if (sum) info.Sum = sum;
    if (modSum) info.GoModSum = modSum;
  };
  // A dependency is indirect unless some main module requires it without "// indirect".
  const direct = new Set<string>();
  for (const m of mains) for (const r of m.file.require) if (!r.indirect) direct.add(r.path);

  // Where the files of mv live, after replacement.
  const locate = (mv: ModVersion): Selected => {
    const r = findReplace(mv);
    const sel: Selected = { path: mv.path, version: mv.version, dir: "", goMod: "", goVersion: "" };
    if (r) {
      if (r.isDir) {
        const dir = absPath(replaceBase.get(r) ?? first.dir, r.new.path);
        sel.dir = dir;
        sel.goMod = dir + "/go.mod";
        sel.replace = { Path: r.new.path, Dir: dir, GoMod: dir + "/go.mod" };
      } else {
        const dir = modDir(r.new);
        sel.dir = dir;
        sel.goMod = modInfoFile(r.new, "mod");
        sel.replace = { Path: r.new.path, Version: r.new.version, Dir: dir, GoMod: sel.goMod };
        const t = timeOf(r.new);
        if (t) sel.replace.Time = t;
        addSums(sel.replace, r.new);
      }
    } else {
      sel.dir = modDir(mv);
      sel.goMod = modInfoFile(mv, "mod");
      const t = timeOf(mv);
      if (t) sel.time = t;
    }
    return sel;
  };
  const goModCache = new Map<string, ModFile | undefined>();
  const readGoModOf = (sel: Selected): ModFile | undefined => {
    const key = sel.goMod;
    if (!goModCache.has(key)) {
      const text = readText(cache, key);
      goModCache.set(key, text === undefined ? undefined : parseModFile(text, key));
    }
    return goModCache.get(key);
  };

  const selected = new Map<string, Selected>();
  const vendorPkgModule = new Map<string, VendorModule>();
  if (mode === "vendor") {
    const text = readText(cache, first.dir + "/vendor/modules.txt") ?? "";
    for (const vm of parseVendorModules(text)) {
      if (vm.version === "") continue; // "# path => dir" lines only repeat a replacement
      const sel: Selected = {
        path: vm.path,
        version: vm.version,
        dir: "",
        goMod: "",
        goVersion: vm.goVersion,
      };
      if (vm.replacement) {
        const rp = vm.replacement;
        sel.replace = { Path: rp.path };
        if (rp.version) sel.replace.Version = rp.version;
        else {
          const dir = absPath(first.dir, rp.path);
          sel.replace.Dir = dir;
          sel.replace.GoMod = dir + "/go.mod";
        }
        if (vm.goVersion) sel.replace.GoVersion = vm.goVersion;
      }
      selected.set(vm.path, sel);
      for (const p of vm.packages) vendorPkgModule.set(p, vm);
    }
  } else {
    buildList(mains, locate, readGoModOf, selected);
  }
  for (const s of selected.values()) {
    if (mode !== "vendor") s.goVersion = readGoModOf(s)?.go ?? "";
    if (!direct.has(s.path)) s.indirect = true;
    if (s.replace && mode !== "vendor") s.replace.GoVersion = s.goVersion;
  }

  const mainInfo = (m: MainModule): ModuleInfo => {
    const info: ModuleInfo = { Path: m.path, Main: true, Dir: m.dir, GoMod: m.goMod };
    if (m.goVersion) info.GoVersion = m.goVersion;
    return info;
  };
  const depInfo = (s: Selected): ModuleInfo => {
    const info: ModuleInfo = { Path: s.path, Version: s.version };
    if (s.replace) info.Replace = { ...s.replace };
    if (s.time) info.Time = s.time;
    if (s.indirect) info.Indirect = true;
    if (mode !== "vendor") {
      info.Dir = s.dir;
      info.GoMod = s.goMod;
    }
    if (s.goVersion) info.GoVersion = s.goVersion;
    if (!s.replace && mode !== "vendor") addSums(info, s);
    return info;
  };
  const hasGoFiles = (dir: string) =>
    (cache.readDir(dir) ?? []).some((e) => !e.isDir && e.name.endsWith(".go"));
  const dirIn = (
    path: string,
    mpath: string,
    mdir: string,
    isLocal: boolean,
  ): string | undefined => {
    let dir: string;
    if (path === mpath) dir = mdir;
    else if (mpath === "") dir = mdir + "/" + path;
    else if (path.startsWith(mpath + "/")) dir = mdir + path.slice(mpath.length);
    else return undefined;
    if (isLocal) {
      for (let d = dir; d !== mdir && d.length > mdir.length; d = parentDir(d)) {
        if (cache.isFile(d + "/go.mod")) return undefined;
      }
    }
    return hasGoFiles(dir) ? dir : undefined;
  };

  const resolveMain = (path: string): Resolved | undefined => {
    for (const m of mains) {
      const dir = dirIn(path, m.path, m.dir, true);
      if (dir !== undefined)
        return {
          path,
          dir,
          root: m.dir,
          goroot: false,
          module: mainInfo(m),
          goVersion: m.goVersion,
        };
    }
    return undefined;
  };

  const resolve = (path: string): Resolved | { error: string } => {
    const found: Resolved[] = [];
    const m = resolveMain(path);
    if (m) found.push(m);
    if (mode === "vendor") {
      if (found.length > 0) return found[0]!;
      const dir = first.dir + "/vendor/" + path;
      if (hasGoFiles(dir)) {
        const vm = vendorPkgModule.get(path);
        const sel = vm ? selected.get(vm.path) : undefined;
        const r: Resolved = {
          path,
          dir,
          root: "",
          noRoot: true,
          goroot: false,
          goVersion: sel?.goVersion ?? "",
        };
        if (sel) r.module = depInfo(sel);
        return r;
      }
      const why =
        flag === "vendor"
          ? ""
          : "\n\t(Go version in go.mod is at least 1.14 and vendor directory exists.)";
      return {
        error: `cannot find module providing package ${path}: import lookup disabled by -mod=vendor${why}`,
      };
    }
    for (const s of selected.values()) {
      const dir = dirIn(path, s.path, s.dir, false);
      if (dir !== undefined)
        found.push({
          path,
          dir,
          root: s.dir,
          goroot: false,
          module: depInfo(s),
          goVersion: s.goVersion,
        });
    }
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const list = found.map((f) =>
        `\t${f.module?.Path} ${f.module?.Version ?? ""} (${f.dir})`.replace("  (", " ("),
      );
      return {
        error: `ambiguous import: found package ${path} in multiple modules:\n${list.join("\n")}`,
      };
    }
    // A required module that is not in the module cache: crossgo never downloads, so say how
    // to fill the cache instead of go's "go get" advice.
    for (const sel of selected.values()) {
      if (sel.version === "" || !(path === sel.path || path.startsWith(sel.path + "/"))) continue;
      if (sel.dir !== "" && cache.isDir(sel.dir)) continue;
      if (sel.replace && sel.replace.Version === undefined) continue; // replaced by a directory
      return {
        error: `module ${sel.path}@${sel.version} provides package ${path} but is not in the module cache; run 'go mod download' (crossgo never downloads modules)`,
      };
    }
    return { error: `no required module provides package ${path}; to add it:\n\tgo get ${path}` };
  };

  return {
    mode,
    workspace: workFile !== undefined,
    godebug: workMod
      ? { goVersion: workMod.go || "1.18", settings: workMod.godebug }
      : { goVersion: first.file.go || "1.16", settings: first.file.godebug },
    modcache,
    mainModules: mains,
    resolve: (path) => resolve(path),
    resolveStdLike: (path) => {
      const r = resolve(path);
      return "error" in r ? undefined : r;
    },
    resolveDir(dir, guess) {
      const ip = this.dirToImportPath(dir) ?? guess;
      for (const m of mains) {
        if (dir === m.dir || dir.startsWith(m.dir + "/")) {
          return {
            path: ip,
            dir,
            root: m.dir,
            goroot: false,
            module: mainInfo(m),
            goVersion: m.goVersion,
          };
        }
      }
      return undefined;
    },
    resolveLocal(dir, cwd) {
      // The main modules first: the one whose directory holds dir, unless a nested go.mod
      // puts dir in another module (the longest such module path is the one named).
      let notIn: MainModule | undefined;
      for (const m of mains) {
        if (dir === m.dir) return { path: m.path, main: true };
        if (!dir.startsWith(m.dir + "/") || dir.slice(m.dir.length).includes("@")) continue;
        const suffix = dir.slice(m.dir.length + 1);
        if (suffix.startsWith("vendor/")) {
          if (mode !== "vendor")
            return { error: `without -mod=vendor, directory ${dir} has no package path` };
          const pkg = suffix.slice("vendor/".length);
          if (!vendorPkgModule.has(pkg))
            return { error: `directory ${dir} is not a package listed in vendor/modules.txt` };
          return { path: pkg, main: false };
        }
        if (nestedModule(cache, m.dir, dir)) {
          if (notIn === undefined || m.path.length > notIn.path.length) notIn = m;
          continue;
        }
        if (isStdModule(m, o.goroot)) return { path: suffix, main: false };
        return { path: m.path === "" ? suffix : `${m.path}/${suffix}`, main: true };
      }
      if (notIn !== undefined) {
        const suffix = dir.slice(notIn.dir.length + 1);
        const pkg = notIn.path === "" ? suffix : `${notIn.path}/${suffix}`;
        const who =
          mains.length === 1 ? `main module (${notIn.path}) does` : "workspace modules do";
        return { error: `${who} not contain package ${pkg}` };
      }
      const std = gorootImportPath(o.goroot, dir);
      if (std !== undefined) return std;
      for (const sel of selected.values()) {
        if (sel.dir === "" || !(dir === sel.dir || dir.startsWith(sel.dir + "/"))) continue;
        return { path: sel.path + dir.slice(sel.dir.length), main: false };
      }
      if (workFile !== undefined) {
        const root = findModuleRoot(cache, dir);
        if (root !== undefined)
          return {
            error: `${dirPhrase(shortPath(cwd, dir))} is contained in a module that is not one of the workspace modules listed in go.work. You can add the module to the workspace using:\n\tgo work use ${shortPath(cwd, root)}`,
          };
      }
      return { error: outsideModules(shortPath(cwd, dir), workFile !== undefined) };
    },
    containsDir(dir) {
      const root = findModuleRoot(cache, dir);
      if (root !== undefined && mains.some((m) => m.dir === root)) return true;
      if (inDir(dir, o.goroot + "/src")) return true;
      return [...selected.values()].some((s) => s.dir !== "" && inDir(dir, s.dir));
    },
    dirToImportPath(dir) {
      for (const m of mains) {
        if (dir === m.dir) return m.path;
        if (dir.startsWith(m.dir + "/"))
          return isStdModule(m, o.goroot)
            ? dir.slice(m.dir.length + 1)
            : m.path + dir.slice(m.dir.length);
      }
      return undefined;
    },
    mainPackages(ctx, c) {
      const out: { path: string; dir: string }[] = [];
      for (const m of mains) {
        for (const d of walkDirs(c, m.dir, true)) {
          if (dirHasGoFiles(ctx, c, d)) out.push({ path: m.path + d.slice(m.dir.length), dir: d });
        }
      }
      return out;
    },
    walkRoots() {
      const out = mains.map((m) => ({ path: m.path, dir: m.dir }));
      if (mode === "vendor") return out;
      for (const s of selected.values()) if (s.dir !== "") out.push({ path: s.path, dir: s.dir });
      return out;
    },
  };
}

/**
 * buildList runs minimal version selection from the main modules' requirements. Modules
 * whose go.mod says go 1.17 or later are pruned: their requirements join the graph, but the
 * requirements of those requirements are not read (modload's graph pruning).
 */
function buildList(
  mains: MainModule[],
  locate: (mv: ModVersion) => Selected,
  readGoMod: (s: Selected) => ModFile | undefined,
  out: Map<string, Selected>,
): void {
  const mainPaths = new Set(mains.map((m) => m.path));
  const versions = new Map<string, string>();
  const note = (mv: ModVersion) => {
    if (mainPaths.has(mv.path) || mv.version === "none") return;
    const have = versions.get(mv.path);
    if (have === undefined || compareSemver(mv.version, have) > 0)
      versions.set(mv.path, mv.version);
  };
  const loaded = new Set<string>();
  const queue: { mv: ModVersion; unpruned: boolean }[] = [];
  const excluded = new Set<string>();
  for (const m of mains) for (const e of m.file.exclude) excluded.add(`${e.path}@${e.version}`);
  for (const m of mains) {
    const unpruned = compareGo(m.goVersion || "1.16", "1.17") < 0;
    for (const r of m.file.require) {
      if (excluded.has(`${r.path}@${r.version}`)) continue;
      note(r);
      queue.push({ mv: r, unpruned });
    }
  }
  while (queue.length > 0) {
    const { mv, unpruned } = queue.shift()!;
    const key = `${mv.path}@${mv.version}@${unpruned}`;
    if (loaded.has(key) || mainPaths.has(mv.path)) continue;
    loaded.add(key);
    const gm = readGoMod(locate(mv));
    if (!gm) continue;
    const modUnpruned = compareGo(gm.go || "1.16", "1.17") < 0;
    for (const r of gm.require) {
      if (excluded.has(`${r.path}@${r.version}`)) continue;
      note(r);
      if (unpruned || modUnpruned) queue.push({ mv: r, unpruned: unpruned || modUnpruned });
    }
  }
  for (const [path, version] of versions) out.set(path, locate({ path, version }));
}
