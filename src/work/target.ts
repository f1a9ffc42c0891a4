import type { GorootConfig } from "./goroot.js";

/**
 * Target is one GOOS/GOARCH (plus the architecture's sub-arch setting) the driver builds for.
 * It carries the environment the Go tools must see to aim at it.
 */
export interface Target {
  goos: string;
  goarch: string;
  archEnv?: { key: string; value: string }; // GOAMD64=v1, GOARM=6, ...; absent for arches without one or an empty value (GOWASM)
  variant?: string; // the spec's third element as written ("v6", "v3"), used in output directory names
  id: string; // "linux/arm/v6" or "linux/amd64": unique key in a matrix
}

/** TargetError is a target spec the driver cannot parse or aim at. */
export class TargetError extends Error {
  override name = "TargetError";
}

// archEnvKey is cmd/go/internal/cfg.GetArchEnv: the one sub-architecture variable of each GOARCH.
const archEnvKey: Record<string, string> = {
  arm: "GOARM",
  arm64: "GOARM64",
  "386": "GO386",
  amd64: "GOAMD64",
  mips: "GOMIPS",
  mipsle: "GOMIPS",
  mips64: "GOMIPS64",
  mips64le: "GOMIPS64",
  ppc64: "GOPPC64",
  ppc64le: "GOPPC64",
  riscv64: "GORISCV64",
  wasm: "GOWASM",
};

/** archEnvName returns the sub-architecture variable of goarch ("GOARM" for arm), or "" if none. */
export function archEnvName(goarch: string): string {
  return archEnvKey[goarch] ?? "";
}

// variantValue turns a spec's variant into the variable's value: "v6" -> "6" for GOARM, the
// other variables take the variant as written (v3, power9, softfloat, rva22u64, v8.1).
function variantValue(goarch: string, variant: string): string {
  if (goarch === "arm") return variant.replace(/^v/, "");
  return variant;
}

/**
 * parseTarget resolves "goos/goarch[/variant]" against a toolchain's defaults. env supplies
 * the caller's environment: an explicit sub-arch variable there applies when the spec has
 * no variant, as it would for `go build`.
 */
export function parseTarget(
  spec: string,
  gr: GorootConfig,
  env: Record<string, string | undefined> = {},
): Target {
  const parts = spec.split("/");
  if (
    parts.length < 2 ||
    parts.length > 3 ||
    parts.some((p) => p === "" || !/^[a-z0-9.,_]+$/.test(p))
  ) {
    throw new TargetError(
      `malformed target "${spec}": want GOOS/GOARCH or GOOS/GOARCH/VARIANT (e.g. linux/arm/v6)`,
    );
  }
  const [goos = "", goarch = "", variant] = parts;
  const key = archEnvName(goarch);
  if (variant !== undefined && key === "") {
    throw new TargetError(`target "${spec}": GOARCH=${goarch} has no sub-architecture setting`);
  }
  const t: Target = { goos, goarch, id: spec };
  if (variant !== undefined) t.variant = variant;
  if (key !== "") {
    const value =
      variant !== undefined ? variantValue(goarch, variant) : env[key] || (gr.defaults[key] ?? "");
    if (value !== "") t.archEnv = { key, value };
  }
  return t;
}

/** targetEnv returns the variables that aim the Go tools at t (GOOS, GOARCH, sub-arch). */
export function targetEnv(t: Target): Record<string, string> {
  const env: Record<string, string> = { GOOS: t.goos, GOARCH: t.goarch };
  if (t.archEnv) env[t.archEnv.key] = t.archEnv.value;
  return env;
}

/** targetDirSuffix is the "<goos>_<goarch>[_<variant>]" part of an output directory name. */
export function targetDirSuffix(t: Target): string {
  return t.variant !== undefined ? `${t.goos}_${t.goarch}_${t.variant}` : `${t.goos}_${t.goarch}`;
}
