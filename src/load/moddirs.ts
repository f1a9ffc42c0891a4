// Directories and modules: which module holds a directory, the import path of a directory
// under GOROOT/src, nested modules, go's wording for a directory outside every module, and
// the module state when there is no main module.

import type { SourceCache } from "./fs.js";
import type { MainModule, ModuleState } from "./modules.js";
import { shortPath } from "./patterns.js";

/** parentDir is the directory above d ("/" for "/"). */
export function parentDir(d: string): string {
  const i = d.lastIndexOf("/");
  return i <= 0 ? "/" : d.slice(0, i);
}

// isStdModule reports whether m is GOROOT/src's module std, whose packages have no import
// path prefix (elsewhere a module named std is an ordinary module).
export function isStdModule(m: MainModule, goroot: string): boolean {
  return m.path === "std" && m.dir === goroot + "/src";
}

// inDir reports whether dir is root or lies under it.
export function inDir(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root + "/");
}

// dirPhrase is how go names a directory in its errors ("current directory" for ".").
export function dirPhrase(short: string): string {
  return short === "." ? "current directory" : `directory ${short}`;
}

/** moduleScope is how go names the modules a directory must be in. */
export function moduleScope(workspace: boolean): string {
  return workspace
    ? "modules listed in go.work or their selected dependencies"
    : "main module or its selected dependencies";
}

/** outsideModules is go's error for a directory in none of them. */
export function outsideModules(short: string, workspace: boolean): string {
  return `${dirPhrase(short)} outside ${moduleScope(workspace)}`;
}

// gorootImportPath is the import path of a directory under GOROOT/src (GOROOT/src itself has
// none), or the error for builtin, which is not importable.
export function gorootImportPath(
  goroot: string,
  dir: string,
): { path: string; main: boolean } | { error: string } | undefined {
  const src = goroot + "/src";
  if (!dir.startsWith(src + "/") || dir.slice(src.length).includes("@")) return undefined;
  const path = dir.slice(src.length + 1);
  if (path === "builtin")
    return { error: `"builtin" is a pseudo-package, not an importable package` };
  return { path, main: false };
}

// findModuleRoot is the nearest directory at or above dir that holds a go.mod.
export function findModuleRoot(cache: SourceCache, dir: string): string | undefined {
  for (let d = dir; ; d = parentDir(d)) {
    if (cache.isFile(d + "/go.mod")) return d;
    if (d === "/") return undefined;
  }
}

// nestedModule reports whether a directory strictly below root, down to and including dir,
// has its own go.mod (modload.dirInModule): dir then belongs to that module, not root's.
export function nestedModule(cache: SourceCache, root: string, dir: string): boolean {
  for (let d = dir; d !== root && d.length > root.length; d = parentDir(d))
    if (cache.isFile(d + "/go.mod")) return true;
  return false;
}

/** NO_MAIN_MODULE is go's noMainModulesError outside a workspace. */
export const NO_MAIN_MODULE =
  "go.mod file not found in current directory or any parent directory; see 'go help modules'";

/** noModule is the state outside any module: only GOROOT packages resolve. */
export function noModule(goroot: string): ModuleState {
  return {
    mode: "none",
    workspace: false,
    modcache: "",
    mainModules: [],
    resolve: (path) => ({
      error: `no required module provides package ${path}: ${NO_MAIN_MODULE}`,
    }),
    resolveDir: () => undefined,
    resolveLocal: (dir, cwd) =>
      gorootImportPath(goroot, dir) ?? { error: outsideModules(shortPath(cwd, dir), false) },
    containsDir: (dir) => inDir(dir, goroot + "/src"),
    dirToImportPath: () => undefined,
    mainPackages: () => [],
    walkRoots: () => [],
  };
}
