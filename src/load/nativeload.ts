// The build's package source built on crossgo's own loader: what listPackages gets from go
// list, without running go.

import { resolve } from "node:path";
import { SourceCache } from "./fs.js";
import type { BuildLoadOptions } from "./golist.js";
import { loadPackages } from "./loader.js";
import { buildPackage, type BuildPackage } from "./package.js";

/**
 * NativeLoader is the package source built on crossgo's own loader (src/load): the same
 * packages as `go list -json -deps`, without running go. One instance shares parsed
 * source files across every target of a build.
 */
export class NativeLoader {
  private cache = new SourceCache();

  /** load is listPackages' counterpart. */
  load = async (o: BuildLoadOptions): Promise<BuildPackage[]> => {
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
    return pkgs.map(buildPackage);
  };
}
