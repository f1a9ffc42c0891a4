import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { SourceCache } from "../load/fs.js";
import { loadPackages, type Package } from "../load/loader.js";
import { packageErrorText, type PackageError as LoadPackageError } from "../load/package.js";
import {
  defaultGODEBUG,
  goDebugDirectives,
  goModGodebugs,
  readGodebugTable,
  type GodebugInfo,
} from "./godebug.js";
import type { LoadOptions } from "./golist.js";
import type { ModuleInfo, PackageError, PackageInfo } from "./package.js";

// mainModuleGo finds the go.mod above dir: its go version and godebug lines (go 1.20 and
// none outside a module, as cmd/go's defaultGODEBUGGoVersion).
function mainModuleGo(dir: string): { goVersion: string; godebugs: [string, string][] } {
  for (let d = resolve(dir); ; d = dirname(d)) {
    let text: string | undefined;
    try {
      text = readFileSync(join(d, "go.mod"), "utf8");
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      const go = /^go\s+(\S+)/m.exec(text)?.[1] ?? "1.16";
      return { goVersion: go, godebugs: goModGodebugs(text) };
    }
    if (dirname(d) === d) return { goVersion: "1.20", godebugs: [] };
  }
}

function moduleInfo(m: Package["Module"]): ModuleInfo | undefined {
  if (!m) return undefined;
  const out: ModuleInfo = { Path: m.Path };
  if (m.Version) out.Version = m.Version;
  if (m.Main) out.Main = true;
  if (m.Dir) out.Dir = m.Dir;
  if (m.GoVersion) out.GoVersion = m.GoVersion;
  if (m.Sum) out.Sum = m.Sum;
  const r = moduleInfo(m.Replace);
  if (r) out.Replace = r;
  return out;
}

/**
 * NativeLoader is the package source built on crossgo's own loader (src/load): the same
 * PackageInfo as `go list -json -deps`, without running go. One instance shares parsed
 * source files across every target of a build.
 */
export class NativeLoader {
  private cache = new SourceCache();
  private tables = new Map<string, GodebugInfo[]>();

  /** load is listPackages' counterpart. */
  load = async (o: LoadOptions): Promise<PackageInfo[]> => {
    const env = o.env ?? process.env;
    const targetLike = {
      goos: o.target.goos,
      goarch: o.target.goarch,
      ...(o.target.archEnv ? { env: { [o.target.archEnv.key]: o.target.archEnv.value } } : {}),
      ...(o.target.variant !== undefined ? { variant: o.target.variant } : {}),
    };
    const pkgs = await loadPackages(o.patterns, {
      target: targetLike,
      goroot: o.goroot.goroot,
      dir: resolve(o.dir),
      tags: o.tags,
      cgo: o.cgoEnabled,
      env,
      cache: this.cache,
      pgo: "off",
    });
    let table = this.tables.get(o.goroot.goroot);
    if (!table) {
      table = readGodebugTable(o.goroot.goroot);
      this.tables.set(o.goroot.goroot, table);
    }
    const mainMod = mainModuleGo(o.dir);
    return pkgs.map((p) => {
      const info: PackageInfo = {
        ImportPath: p.ImportPath,
        Dir: p.Dir,
        Name: p.Name,
        Goroot: p.Goroot,
        Standard: p.Standard,
        DepOnly: p.DepOnly,
        GoFiles: p.GoFiles,
        CgoFiles: p.CgoFiles,
        CFiles: p.CFiles,
        CXXFiles: p.CXXFiles,
        MFiles: p.MFiles,
        FFiles: p.FFiles,
        SFiles: p.SFiles,
        HFiles: p.HFiles,
        SysoFiles: p.SysoFiles,
        SwigFiles: p.SwigFiles,
        SwigCXXFiles: p.SwigCXXFiles,
        EmbedPatterns: p.EmbedPatterns,
        EmbedFiles: p.EmbedFiles,
        EmbedMap: p.Embed,
        Imports: p.Imports,
        ImportMap: p.ImportMap,
        Deps: p.Deps,
        DefaultGODEBUG: "",
        DepsErrors: p.DepsErrors.map(workError),
      };
      const mod = moduleInfo(p.Module);
      if (mod) info.Module = mod;
      if (p.Error) info.Error = workError(p.Error);
      if (p.Name === "main") {
        const directives = goDebugDirectives(p.GoFiles.map((f) => join(p.Dir, f)));
        const fips = (env.GOFIPS140 ?? "off") !== "off";
        info.DefaultGODEBUG = defaultGODEBUG(
          table,
          mainMod.goVersion,
          [...mainMod.godebugs, ...directives],
          fips,
        );
      }
      return info;
    });
  };
}

// workError is a loader error as the planner keeps it.
function workError(e: LoadPackageError): PackageError {
  const out: PackageError = { Err: e.Err, Text: packageErrorText(e) };
  if (e.Pos !== "") out.Pos = e.Pos;
  return out;
}
