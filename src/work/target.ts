// The target of one build action: what the driver takes from platform's ResolvedTarget (the
// one resolution of a target spec) to run the Go tools for it.

import type { ResolvedTarget } from "../platform/resolve.js";

/**
 * Target is one GOOS/GOARCH (plus the architecture's sub-arch setting) the driver builds for,
 * as platform resolved it. It carries the environment the Go tools must see to aim at it.
 */
export interface Target {
  goos: string;
  goarch: string;
  archEnv?: { key: string; value: string }; // GOAMD64=v1, GOARM=6, ...; absent for arches without one or an empty value (GOWASM)
  variant?: string; // the spec's third element as written ("v6", "v3"), used in output directory names
  id: string; // "linux/arm/v6" or "linux/amd64": unique key in a matrix
  minor: number; // the Go release whose rules resolved it
  asmDefines: readonly string[]; // the sub-arch names cmd/go defines for asm (GOARM_6, GOARM_5)
  defaultPIE: boolean; // internal/platform.DefaultPIE without -race
  mustLinkExternal: boolean; // internal/platform.MustLinkExternal without cgo
  externalLinkReason?: string; // why a pure-Go main needs a C linker here ("default PIE binary")
  resolved: ResolvedTarget; // everything else platform knows of it (triple, cgo support, ...)
}

/** targetOf is the driver's view of a resolved target. */
export function targetOf(r: ResolvedTarget): Target {
  const t: Target = {
    goos: r.goos,
    goarch: r.goarch,
    id: r.name,
    minor: r.minor,
    asmDefines: r.asmDefines.filter((d) => !d.startsWith("GOOS_") && !d.startsWith("GOARCH_")),
    defaultPIE: r.defaultPIE,
    mustLinkExternal: r.mustLinkExternal,
    resolved: r,
  };
  if (r.variant !== undefined) t.variant = r.variant;
  if (r.subarch !== undefined && r.subarchValue !== undefined && r.subarchValue !== "")
    t.archEnv = { key: r.subarch.variable, value: r.subarchValue };
  if (r.externalLinkReason !== undefined) t.externalLinkReason = r.externalLinkReason;
  return t;
}

/** targetEnv is a target's GOOS, GOARCH and sub-arch variable (one definition, in load). */
export { targetEnv } from "../load/golist.js";

/** targetDirSuffix is the "<goos>_<goarch>[_<variant>]" part of an output directory name. */
export function targetDirSuffix(t: Target): string {
  return t.variant !== undefined ? `${t.goos}_${t.goarch}_${t.variant}` : `${t.goos}_${t.goarch}`;
}
