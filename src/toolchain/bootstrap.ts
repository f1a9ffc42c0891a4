import {
  compareGoVersions,
  formatGoVersion,
  parseGoVersion,
  type GoVersion,
} from "../platform/version.js";

/**
 * The bootstrap policy: building Go 1.N from source (make.bash) needs an installed Go of at
 * least this version in $GOROOT_BOOTSTRAP. From src/make.bash (`bootgo=`) of each release;
 * test/toolchain/bootstrap.test.ts checks every installed GOROOT's make.bash against it.
 */
export const bootstrapTable: readonly { from: number; to: number; needs: string }[] = [
  // Go 1.4 was the last release whose compiler was written in C.
  { from: 5, to: 19, needs: "go1.4" },
  { from: 20, to: 21, needs: "go1.17.13" },
  { from: 22, to: 23, needs: "go1.20.6" },
  { from: 24, to: 25, needs: "go1.22.6" },
  { from: 26, to: 27, needs: "go1.24.6" },
];

/** BootstrapRequirement says what building one release needs. */
export interface BootstrapRequirement {
  target: string; // "1.27"
  needs: string; // "go1.24.6"
  extrapolated: boolean; // beyond the table: from the policy (N-2, rounded down to even, .6)
}

/** bootstrapRequirement returns the minimum bootstrap Go for building Go 1.minor from source. */
export function bootstrapRequirement(target: GoVersion): BootstrapRequirement {
  const m = target.minor;
  const t = `${target.major}.${m}`;
  const row = bootstrapTable.find((r) => r.from <= m && m <= r.to);
  if (row) return { target: t, needs: row.needs, extrapolated: false };
  if (m < 5) return { target: t, needs: "none (C bootstrap)", extrapolated: false };
  // The policy since Go 1.22: Go 1.N bootstraps with the latest point release of Go 1.(N-2)
  // rounded down to an even release (go.dev/doc/install/source).
  const b = m % 2 === 0 ? m - 2 : m - 3;
  return { target: t, needs: `go1.${b}.6`, extrapolated: true };
}

/** BootstrapVerdict is the answer of `crossgo toolchain bootstrap-check`. */
export interface BootstrapVerdict {
  ok: boolean;
  target: string;
  needs: string;
  have?: string;
  reason: string;
  extrapolated: boolean;
}

/**
 * checkBootstrap decides whether a toolchain of version have can bootstrap Go target.
 * have is undefined when the directory holds no usable Go.
 */
export function checkBootstrap(
  have: string | undefined,
  target: GoVersion,
  dir: string,
): BootstrapVerdict {
  const req = bootstrapRequirement(target);
  const base = { target: req.target, needs: req.needs, extrapolated: req.extrapolated };
  if (target.major === 1 && target.minor < 5)
    return {
      ...base,
      ...(have !== undefined ? { have } : {}),
      ok: true,
      reason: `Go ${req.target} is written in C and built with a C compiler (make.bash runs gcc or clang): it needs no bootstrap Go, so $GOROOT_BOOTSTRAP is not used`,
    };
  if (have === undefined) {
    return {
      ...base,
      ok: false,
      reason: `${dir} holds no Go toolchain (no bin/go with a readable version)`,
    };
  }
  const hv = parseGoVersion(have);
  const nv = parseGoVersion(req.needs);
  if (!hv || !nv)
    return { ...base, have, ok: false, reason: `cannot compare ${have} with ${req.needs}` };
  if (compareGoVersions(hv, nv) < 0) {
    return {
      ...base,
      have,
      ok: false,
      reason: `building Go ${req.target} from source needs Go >= ${req.needs} in $GOROOT_BOOTSTRAP; ${dir} has ${formatGoVersion(hv)}`,
    };
  }
  return {
    ...base,
    have,
    ok: true,
    reason: `${formatGoVersion(hv)} >= ${req.needs}, the minimum for Go ${req.target}`,
  };
}
