// What the loader needs to know about the Go toolchain in GOROOT, read from the toolchain's
// own generated files: its release (VERSION), its sub-architecture defaults
// (internal/buildcfg/zbootstrap.go), its default C compilers (cmd/go/internal/cfg/
// zdefaultcc.go) and the ports with cgo (cmd/dist/build.go's cgoEnabled table).

import { delimiter } from "node:path";
import type { ToolchainDefaults } from "./context.js";
import type { SourceCache } from "./fs.js";
import { latin1 } from "./gofile.js";

/** ToolchainInfo describes one GOROOT. */
export interface ToolchainInfo {
  version: string; // "go1.27.4"
  minor: number; // 27
  hostOS: string;
  hostArch: string;
  defaults: Partial<ToolchainDefaults>;
  cgoSupported(goos: string, goarch: string): boolean;
  hasDefaultCC(goos: string, goarch: string, PATH: string): boolean;
}

/** ToolchainError is a GOROOT the loader cannot use. */
export class ToolchainError extends Error {
  override name = "ToolchainError";
}

const NODE_ARCH: Record<string, string> = {
  x64: "amd64",
  ia32: "386",
  arm: "arm",
  arm64: "arm64",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64",
  mips: "mips",
  mipsel: "mipsle",
};

const NODE_OS: Record<string, string> = { win32: "windows", sunos: "solaris" };

const infoCache = new WeakMap<SourceCache, Map<string, ToolchainInfo>>();

function read(cache: SourceCache, path: string): string {
  const b = cache.fs.readFile(path);
  return b === undefined ? "" : latin1(b);
}

/** readToolchainInfo reads GOROOT's release and defaults (memoized per cache). */
export function readToolchainInfo(cache: SourceCache, goroot: string): ToolchainInfo {
  let m = infoCache.get(cache);
  if (!m) infoCache.set(cache, (m = new Map<string, ToolchainInfo>()));
  const hit = m.get(goroot);
  if (hit) return hit;
  const boot = read(cache, `${goroot}/src/internal/buildcfg/zbootstrap.go`);
  let version = /^go1\.\d+(\.\d+)?/.exec(read(cache, `${goroot}/VERSION`))?.[0];
  version ??= /const version = `(go1\.[^`]*)`/.exec(boot)?.[1];
  if (version === undefined)
    throw new ToolchainError(`cannot determine the Go version of ${goroot}`);
  const minor = Number(/^go1\.(\d+)/.exec(version)![1]);
  const defaults: Partial<ToolchainDefaults> = {};
  for (const mm of boot.matchAll(/const [dD]efault(GO[A-Z0-9]+) = `([^`]*)`/g)) {
    (defaults as Record<string, string>)[mm[1]!] = mm[2]!;
  }
  const dist = read(cache, `${goroot}/src/cmd/dist/build.go`);
  const cgoTable = /var cgoEnabled = map\[string\]bool\{([^}]*)\}/.exec(dist)?.[1] ?? "";
  const cgoPorts = new Set(
    [...cgoTable.matchAll(/"([a-z0-9]+\/[a-z0-9]+)":\s*true/g)].map((x) => x[1]!),
  );
  const zcc = read(cache, `${goroot}/src/cmd/go/internal/cfg/zdefaultcc.go`);
  const ccFunc =
    /func DefaultCC\(goos, goarch string\) string \{([\s\S]*?)\n\}/.exec(zcc)?.[1] ?? "";
  const info: ToolchainInfo = {
    version,
    minor,
    hostOS: NODE_OS[process.platform] ?? process.platform,
    hostArch: NODE_ARCH[process.arch] ?? process.arch,
    defaults,
    cgoSupported: (goos, goarch) => cgoPorts.has(`${goos}/${goarch}`),
    hasDefaultCC: (goos, goarch, PATH) => {
      const cc = defaultCC(ccFunc, goos, goarch);
      return PATH.split(delimiter).some((d) => d !== "" && cache.isFile(`${d}/${cc}`));
    },
  };
  m.set(goroot, info);
  return info;
}

function defaultCC(body: string, goos: string, goarch: string): string {
  const port = new RegExp(`case "${goos}/${goarch}":\\s*return "([^"]+)"`).exec(body)?.[1];
  if (port) return port;
  if (["darwin", "ios", "freebsd", "openbsd"].includes(goos)) return "clang";
  return "gcc";
}
