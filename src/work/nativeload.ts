import { resolve } from "node:path";
import { SourceCache } from "../load/fs.js";
import { loadPackages, type Package } from "../load/loader.js";
import { packageErrorText, type PackageError as LoadPackageError } from "../load/package.js";
import type { LoadOptions } from "./golist.js";
import type { ModuleInfo, PackageError, PackageInfo } from "./package.js";

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
        DefaultGODEBUG: p.DefaultGODEBUG ?? "",
        DepsErrors: p.DepsErrors.map(workError),
      };
      const mod = moduleInfo(p.Module);
      if (mod) info.Module = mod;
      if (p.Error) info.Error = workError(p.Error);
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
