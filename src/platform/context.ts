import { subarchVars, type SubarchVar } from "./arch.js";
import { currentMinor } from "./ports-data.js";
import { portTable, type Port } from "./ports.js";

/**
 * PlatformContext is everything target resolution needs to know of one Go release: its port
 * table (broken ports included) and its sub-arch defaults. It comes from crossgo's own data
 * (platformFor) or from an installed toolchain (src/toolchain/platform.ts), so the platform
 * rules themselves never run a program.
 */
export interface PlatformContext {
  minor: number; // Go 1.minor
  version: string; // "go1.27.4" when read from a toolchain, else "go1.27"
  table: Port[]; // `go tool dist list -json -broken`
  defaults: Partial<Record<SubarchVar, string>>; // the toolchain's own defaults (GO386=softfloat on Debian)
  source: "crossgo" | "toolchain";
  host?: { goos: string; goarch: string }; // the machine the tools run on (cgo defaults on for it)
}

/** platformFor returns crossgo's own knowledge of Go 1.minor. */
export function platformFor(minor: number = currentMinor): PlatformContext {
  return {
    minor,
    version: `go1.${minor}`,
    table: portTable(minor),
    defaults: {},
    source: "crossgo",
  };
}

/**
 * withEnvironment applies the sub-arch variables set in env (GOARM=6, GOAMD64=v3) as the
 * defaults of ctx, as go build reads them for a target named without a variant.
 */
export function withEnvironment(
  ctx: PlatformContext,
  env: Record<string, string | undefined>,
): PlatformContext {
  const defaults = { ...ctx.defaults };
  for (const v of subarchVars) {
    const value = env[v];
    if (value !== undefined && value !== "") defaults[v] = value;
  }
  return { ...ctx, defaults };
}
