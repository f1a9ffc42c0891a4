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

// gover is cmd/go/internal/gover over the strings of go.mod's go and toolchain lines, where
// "1.21" (a language version) orders before "1.21rc1", which orders before "1.21.0".
interface Gover {
  major: string;
  minor: string;
  patch: string;
  kind: "" | "alpha" | "beta" | "rc";
  pre: string;
}

function parseGover(x: string): Gover {
  const m = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+)|(alpha|beta|rc)(\d*))?/.exec(x);
  if (!m) return { major: "", minor: "", patch: "", kind: "", pre: "" };
  return {
    major: m[1]!,
    minor: m[2] ?? "",
    patch: m[3] ?? "",
    kind: (m[4] ?? "") as Gover["kind"],
    pre: m[5] ?? "",
  };
}

// cmpInt compares decimal strings without converting them ("" orders first).
function cmpInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

/** compareGo is gover.Compare: -1, 0 or 1 for Go versions such as "1.21", "1.21rc1", "go1.21.3". */
export function compareGo(x: string, y: string): number {
  const a = parseGover(x);
  const b = parseGover(y);
  const kinds = ["", "alpha", "beta", "rc"];
  return (
    cmpInt(a.major, b.major) ||
    cmpInt(a.minor, b.minor) ||
    cmpInt(a.patch, b.patch) ||
    Math.sign(kinds.indexOf(a.kind) - kinds.indexOf(b.kind)) ||
    cmpInt(a.pre, b.pre)
  );
}

/** goLang is gover.Lang: "1.21.3" -> "1.21", "1.21rc1" -> "1.21", "1" -> "1", "1.0" -> "1". */
export function goLang(v: string): string {
  const g = parseGover(v);
  if (g.major === "") return v;
  if (g.minor === "" || (g.major === "1" && g.minor === "0")) return g.major;
  return `${g.major}.${g.minor}`;
}
