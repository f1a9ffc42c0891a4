import { readFileSync } from "node:fs";
import { join } from "node:path";
import { subarchVars } from "../platform/arch.js";
import { subarchRule } from "../platform/subarch.js";
import { parseBuildcfgDefaults } from "../toolchain/platform.js";

/**
 * GorootConfig is what the build driver needs to know about one installed Go toolchain,
 * read from its files rather than by running it: the version, the tool directory and the
 * defaults `cmd/dist` baked into it (internal/buildcfg/zbootstrap.go, cmd/go's zdefaultcc.go).
 */
export interface GorootConfig {
  goroot: string; // absolute GOROOT
  version: string; // e.g. "go1.27.4", first line of $GOROOT/VERSION
  minor: number; // 27 for go1.27.4
  hostOS: string; // GOHOSTOS the tools run on
  hostArch: string; // GOHOSTARCH the tools run on
  toolDir: string; // $GOROOT/pkg/tool/<hostos>_<hostarch>
  defaults: Record<string, string>; // DefaultGOAMD64 -> "v1", DefaultGOARM -> "7", ... (key without "Default")
  defaultCC: (goos: string, goarch: string) => string; // cfg.DefaultCC
}

/** GorootError reports a GOROOT that is not a usable Go installation. */
export class GorootError extends Error {
  override name = "GorootError";
}

const nodeToGoArch: Record<string, string> = {
  x64: "amd64",
  arm64: "arm64",
  ia32: "386",
  arm: "arm",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64",
};

/** readGoroot reads the configuration of the Go installation at goroot. */
export function readGoroot(goroot: string): GorootConfig {
  let versionFile: string;
  try {
    versionFile = readFileSync(join(goroot, "VERSION"), "utf8");
  } catch (e) {
    throw new GorootError(
      `${goroot} is not a Go installation (no VERSION file): ${(e as Error).message}`,
    );
  }
  const version = versionFile.split("\n")[0]?.trim() ?? "";
  if (!/^go1\.\d+/.test(version))
    throw new GorootError(`${goroot}/VERSION: unexpected version line "${version}"`);
  const hostOS = process.platform === "win32" ? "windows" : process.platform;
  const hostArch = nodeToGoArch[process.arch] ?? process.arch;
  const minor = Number(/^go1\.(\d+)/.exec(version)?.[1] ?? "0");
  return {
    goroot,
    version,
    minor,
    hostOS,
    hostArch,
    toolDir: join(goroot, "pkg", "tool", `${hostOS}_${hostArch}`),
    defaults: readBuildcfgDefaults(goroot, minor),
    defaultCC: readDefaultCC(goroot),
  };
}

// readBuildcfgDefaults returns the toolchain's sub-arch defaults from zbootstrap.go (whose
// spelling changed in Go 1.24), over cmd/dist's own defaults for a GOROOT without sources.
function readBuildcfgDefaults(goroot: string, minor: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of subarchVars) {
    const rule = subarchRule(v, minor);
    if (rule && v !== "GOWASM") out[v] = rule.upstreamDefault(minor, "linux");
  }
  try {
    const text = readFileSync(join(goroot, "src", "internal", "buildcfg", "zbootstrap.go"), "utf8");
    Object.assign(out, parseBuildcfgDefaults(text));
  } catch {
    // no sources: cmd/dist's defaults
  }
  return out;
}

// readDefaultCC parses the generated switch in cmd/go/internal/cfg/zdefaultcc.go; the value
// only reaches the linker's -extld flag, which matters for external linking alone.
function readDefaultCC(goroot: string): (goos: string, goarch: string) => string {
  let text = "";
  try {
    text = readFileSync(
      join(goroot, "src", "cmd", "go", "internal", "cfg", "zdefaultcc.go"),
      "utf8",
    );
  } catch {
    // not installed: fall back to cmd/dist's generic answer below
  }
  const fn = text.split(/^func DefaultCXX/m)[0] ?? "";
  const byTarget = new Map<string, string>();
  const byOS = new Map<string, string>();
  let fallback = "gcc";
  const [targetPart, rest = ""] = fn.split(/switch goos \{/);
  for (const m of (targetPart ?? "").matchAll(/case "([^"]+)":\s*return "([^"]*)"/g))
    byTarget.set(m[1] ?? "", m[2] ?? "");
  const [osPart, tail = ""] = rest.split(/\n\t\}\n/);
  for (const m of (osPart ?? "").matchAll(/case ([^:]+):\s*return "([^"]*)"/g)) {
    for (const os of (m[1] ?? "").matchAll(/"([^"]+)"/g)) byOS.set(os[1] ?? "", m[2] ?? "");
  }
  const d = /return "([^"]*)"/.exec(tail);
  if (d?.[1] !== undefined) fallback = d[1];
  if (byOS.size === 0 && text === "") {
    for (const os of ["darwin", "ios", "freebsd", "openbsd"]) byOS.set(os, "clang");
  }
  return (goos, goarch) => byTarget.get(`${goos}/${goarch}`) ?? byOS.get(goos) ?? fallback;
}
