// What the loader needs to know about the Go toolchain in GOROOT: src/toolchain's reading of
// it, through the loader's source cache, and the port rules of its release.

import { delimiter } from "node:path";
import { portRules } from "../platform/rules.js";
import { readGoroot, type Goroot } from "../toolchain/goroot.js";
import type { SourceCache } from "./fs.js";
import { latin1 } from "./gofile.js";
import { parseGodebugTable, type GodebugInfo } from "./godebug.js";

/** ToolchainInfo describes one GOROOT for the loader. */
export interface ToolchainInfo extends Goroot {
  godebugTable(): readonly GodebugInfo[]; // internal/godebugs.All, read on first use
  cgoSupported(goos: string, goarch: string): boolean;
  hasDefaultCC(goos: string, goarch: string, PATH: string): boolean;
}

const infoCache = new WeakMap<SourceCache, Map<string, ToolchainInfo>>();

/** readToolchainInfo reads GOROOT once per source cache. */
export function readToolchainInfo(cache: SourceCache, goroot: string): ToolchainInfo {
  let m = infoCache.get(cache);
  if (!m) infoCache.set(cache, (m = new Map<string, ToolchainInfo>()));
  const hit = m.get(goroot);
  if (hit) return hit;
  const gr = readGoroot(goroot, {
    read: (path) => {
      const b = cache.fs.readFile(path);
      return b === undefined ? undefined : latin1(b);
    },
  });
  const rules = portRules(gr.minor);
  let godebugs: GodebugInfo[] | undefined;
  const info: ToolchainInfo = {
    ...gr,
    godebugTable: () => {
      if (godebugs === undefined) {
        const b = cache.fs.readFile(`${goroot}/src/internal/godebugs/table.go`);
        godebugs = parseGodebugTable(b === undefined ? "" : latin1(b));
      }
      return godebugs;
    },
    cgoSupported: (goos, goarch) => rules.cgoSupported(goos, goarch),
    hasDefaultCC: (goos, goarch, PATH) => {
      const cc = gr.defaultCC(goos, goarch);
      return PATH.split(delimiter).some((d) => d !== "" && cache.isFile(`${d}/${cc}`));
    },
  };
  m.set(goroot, info);
  return info;
}
