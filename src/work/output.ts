import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { PackageInfo } from "./package.js";
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
}

/** execName is load.DefaultExecName: the last import path element, skipping a /vN suffix. */
export function execName(p: PackageInfo): string {
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
export function artifactPath(p: PackageInfo, t: Target): string {
  const name = execName(p);
  return `${name}_${targetDirSuffix(t)}/${name}${exeSuffix(t.goos)}`;
}

/** writeFileAtomic writes data to path through a temporary file in the same directory. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${String(process.pid)}-${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(tmp, data, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
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

/** writeOutputs writes SHA256SUMS and manifest.json into outDir. */
export function writeOutputs(
  outDir: string,
  artifacts: readonly Artifact[],
  manifest: Record<string, unknown>,
): void {
  writeFileAtomic(join(outDir, "SHA256SUMS"), sha256sums(artifacts));
  writeFileAtomic(join(outDir, "manifest.json"), sortedJSON(manifest));
}
