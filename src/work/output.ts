// Outputs: executable names and paths, atomic install, SHA256SUMS and manifest.json, and
// never overwriting what crossgo did not write.

import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
} from "node:fs";
import { dirname, join, normalize } from "node:path";
import { writeAtomic } from "../cache/seal.js";
import type { BuildPackage } from "../load/package.js";
import { targetDirSuffix, type Target } from "./target.js";

/** Artifact is one built executable in the output directory. */
export interface Artifact {
  target: string; // "linux/arm/v6"
  goos: string;
  goarch: string;
  variant?: string;
  package: string; // import path of the main package
  path: string; // relative to the output directory, with "/" separators
  size: number;
  sha256: string;
  buildID: string;
  cached: boolean; // the link came from the cache
  cc?: string; // the C compiler of a cgo build (CC as go build was given it)
}

/** execName is load.DefaultExecName: the last import path element, skipping a /vN suffix. */
export function execName(p: BuildPackage): string {
  const elems = p.ImportPath.split("/");
  let name = elems[elems.length - 1] ?? "a.out";
  if (elems.length > 1 && /^v[2-9][0-9]*$|^v1[0-9]+$/.test(name))
    name = elems[elems.length - 2] ?? name;
  return name;
}

/** exeSuffix is cfg.ExeSuffix for goos. */
export function exeSuffix(goos: string): string {
  return goos === "windows" ? ".exe" : "";
}

/** artifactPath is "<name>_<goos>_<goarch>[_<variant>]/<name>[.exe]". */
export function artifactPath(p: BuildPackage, t: Target): string {
  const name = execName(p);
  return `${name}_${targetDirSuffix(t)}/${name}${exeSuffix(t.goos)}`;
}

/**
 * installArtifact copies an executable to dest atomically (temporary file, chmod 755,
 * rename) and returns its size and sha256.
 */
export function installArtifact(src: string, dest: string): { size: number; sha256: string } {
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${String(process.pid)}-${randomBytes(4).toString("hex")}`;
  try {
    copyFileSync(src, tmp);
    chmodSync(tmp, 0o755);
    const data = readFileSync(tmp);
    renameSync(tmp, dest);
    return { size: data.length, sha256: createHash("sha256").update(data).digest("hex") };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** sha256sums renders artifacts in `sha256sum` format, sorted by path. */
export function sha256sums(artifacts: readonly Artifact[]): string {
  return [...artifacts]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((a) => `${a.sha256}  ${a.path}\n`)
    .join("");
}

/** sortedJSON renders v as indented JSON with object keys sorted (stable across runs). */
export function sortedJSON(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x !== null && typeof x === "object") {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) {
        const val = (x as Record<string, unknown>)[k];
        if (val !== undefined) o[k] = norm(val);
      }
      return o;
    }
    return x;
  };
  return JSON.stringify(norm(v), null, 2) + "\n";
}

/** MANIFEST_FORMAT marks a manifest.json as crossgo's own: only those are ever overwritten. */
export const MANIFEST_FORMAT = "crossgo-manifest-v1";

/** OutputError is an output directory crossgo must not write into, or outputs that collide. */
export class OutputError extends Error {
  override name = "OutputError";
}

// isLegacyManifest reports whether o is a manifest.json written by a crossgo from before
// MANIFEST_FORMAT: one with a goVersion, the backend that built it and its artifacts. An
// upgrade must not turn the user's own earlier output directory into a foreign one.
function isLegacyManifest(o: Record<string, unknown>): boolean {
  return (
    o.format === undefined &&
    typeof o.goVersion === "string" &&
    (o.backend === "native" || o.backend === "go") &&
    Array.isArray(o.artifacts)
  );
}

// previousArtifacts reads outDir's manifest.json: the artifacts of crossgo's last build there,
// [] when there is none. A manifest.json, or a SHA256SUMS without one, that crossgo did not
// write is an OutputError: crossgo never overwrites files it did not create.
function previousArtifacts(outDir: string): Artifact[] {
  const file = join(outDir, "manifest.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    const sums = join(outDir, "SHA256SUMS");
    if (existsSync(sums))
      throw new OutputError(
        `${sums} was not written by crossgo (no crossgo manifest.json beside it); refusing to overwrite it: choose another -o`,
      );
    return [];
  }
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    m = undefined;
  }
  const o = m !== null && typeof m === "object" ? (m as Record<string, unknown>) : {};
  if (o.format !== MANIFEST_FORMAT && !isLegacyManifest(o))
    throw new OutputError(
      `${file} was not written by crossgo (no "format": "${MANIFEST_FORMAT}"); refusing to overwrite it: choose another -o`,
    );
  return Array.isArray(o.artifacts) ? (o.artifacts as Artifact[]) : [];
}

/**
 * checkOutputDir refuses an output directory whose manifest.json or SHA256SUMS crossgo did not
 * write (an OutputError); the build command calls it before building.
 */
export function checkOutputDir(outDir: string): void {
  previousArtifacts(outDir);
}

/**
 * checkOutputPaths refuses two main packages whose executables would have the same path (the
 * name is the last import path element, like go build's): one would overwrite the other.
 */
export function checkOutputPaths(
  outDir: string,
  outputs: readonly { pkg: BuildPackage; target: Target }[],
): void {
  const byPath = new Map<string, string>();
  for (const { pkg, target } of outputs) {
    const rel = artifactPath(pkg, target);
    const other = byPath.get(rel);
    if (other !== undefined && other !== pkg.ImportPath)
      throw new OutputError(
        `${other} and ${pkg.ImportPath} would both be written to ${join(outDir, rel)} (an executable is named after its package's last import path element): build them into separate -o directories`,
      );
    byPath.set(rel, pkg.ImportPath);
  }
}

// removeArtifact deletes one file a previous crossgo manifest listed (never a path outside
// outDir), and its directory if that is left empty.
function removeArtifact(outDir: string, rel: string): boolean {
  const n = normalize(rel);
  if (n.startsWith("..") || n.startsWith("/") || n === ".") return false;
  const path = join(outDir, n);
  try {
    rmSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
  const dir = dirname(path);
  if (dir !== outDir && readdirSync(dir).length === 0) rmdirSync(dir);
  return true;
}

/**
 * writeOutputs writes SHA256SUMS and manifest.json into outDir. The executables that the
 * previous manifest there lists for staleTargets (targets that failed or were cancelled this
 * time) and that this build did not write again are removed, so that no file from before a
 * failure stays beside the new checksums; their paths are returned.
 */
export function writeOutputs(
  outDir: string,
  artifacts: readonly Artifact[],
  manifest: Record<string, unknown>,
  staleTargets: readonly string[] = [],
): string[] {
  const stale = new Set(staleTargets);
  const written = new Set(artifacts.map((a) => a.path));
  const removed: string[] = [];
  for (const a of previousArtifacts(outDir)) {
    if (typeof a.path !== "string" || !stale.has(a.target) || written.has(a.path)) continue;
    if (removeArtifact(outDir, a.path)) removed.push(a.path);
  }
  writeAtomic(join(outDir, "SHA256SUMS"), sha256sums(artifacts));
  writeAtomic(
    join(outDir, "manifest.json"),
    sortedJSON({ format: MANIFEST_FORMAT, ...manifest, removed }),
  );
  return removed;
}
