/**
 * GoVersion is a Go release as crossgo compares them: "1.27" is {major: 1, minor: 27, patch: 0}.
 * Release candidates and betas order before the release they precede (go1.27rc1 < go1.27.0).
 */
export interface GoVersion {
  major: number;
  minor: number;
  patch: number;
  pre: string; // "rc1", "beta2", or "" for a release
}

const versionRE = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?((?:rc|beta)\d+)?$/;

/**
 * parseGoVersion reads "go1.27.4", "1.27", "1.21.0", "go1.23rc1". It returns undefined for
 * anything else (a devel version string, garbage).
 */
export function parseGoVersion(s: string): GoVersion | undefined {
  const m = versionRE.exec(s.trim());
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: m[3] === undefined ? 0 : Number(m[3]),
    pre: m[4] ?? "",
  };
}

/** compareGoVersions orders two versions like cmd/go's gover.Compare: -1, 0 or 1. */
export function compareGoVersions(a: GoVersion, b: GoVersion): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (d !== 0) return Math.sign(d);
  if (a.pre === b.pre) return 0;
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  // beta < rc, then by number.
  const rank = (p: string) => (p.startsWith("beta") ? 0 : 1);
  const r = rank(a.pre) - rank(b.pre);
  if (r !== 0) return Math.sign(r);
  return Math.sign(Number(a.pre.replace(/\D/g, "")) - Number(b.pre.replace(/\D/g, "")));
}

/** languageVersion is "1.27" for any 1.27.x: the unit the port table changes in. */
export function languageVersion(v: GoVersion): string {
  return `${v.major}.${v.minor}`;
}

/** formatGoVersion prints a version as Go does: go1.27.4, go1.27rc1, go1.27 (no patch given). */
export function formatGoVersion(v: GoVersion): string {
  if (v.pre !== "") return `go${v.major}.${v.minor}${v.pre}`;
  return `go${v.major}.${v.minor}.${v.patch}`;
}

/** atLeast reports whether v is language version minor (1.minor) or newer. */
export function atLeast(v: GoVersion, minor: number): boolean {
  return v.major > 1 || (v.major === 1 && v.minor >= minor);
}
