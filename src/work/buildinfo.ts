import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatBuildInfo, type BuildInfo, type Module } from "../goinfo/modinfo.js";
import type { BuildPackage, ModuleInfo } from "../load/package.js";

export type { BuildInfo } from "../goinfo/modinfo.js";

/** BuildSettingsInput are the build flags the build info records (cmd/go's setBuildInfo). */
export interface BuildSettingsInput {
  ldflags: string; // the -ldflags value as the user wrote it ("" when none)
  tags: string[];
  trimpath: boolean;
  cgoEnabled: boolean;
  goos: string;
  goarch: string;
  archEnv?: { key: string; value: string };
  goexperiment: string; // raw GOEXPERIMENT from the environment
  gofips140: string; // GOFIPS140 from the environment ("" or "off": not recorded)
}

// The sentinels cmd/go wraps the build info text in (cmd/go/internal/modload/build.go) so
// debug/buildinfo can find it in the binary's runtime.modinfo string.
const infoStart = Buffer.from("3077af0c9274080241e1c107e6d618e6", "hex");
const infoEnd = Buffer.from("f932433186182072008242104116d8f2", "hex");

// moduleOf is setBuildInfo's debugModFromModinfo.
function moduleOf(m: ModuleInfo, sums: (m: ModuleInfo) => string): Module {
  const out: Module = { Path: m.Path, Version: m.Version || "(devel)", Sum: "" };
  if (m.Replace) out.Replace = moduleOf(m.Replace, sums);
  else if (m.Version) out.Sum = sums(m);
  return out;
}

// compareSemver orders module versions like golang.org/x/mod/semver for the common shapes.
function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?/.exec(v);
    return m ? { n: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] } : undefined;
  };
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < 3; i++) if (x.n[i] !== y.n[i]) return (x.n[i] ?? 0) - (y.n[i] ?? 0);
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** goSumLookup returns a function reading "path version h1:..." lines of the main module's go.sum. */
export function goSumLookup(mainDir: string | undefined): (m: ModuleInfo) => string {
  const table = new Map<string, string>();
  if (mainDir !== undefined) {
    try {
      for (const line of readFileSync(join(mainDir, "go.sum"), "utf8").split("\n")) {
        const f = line.trim().split(/\s+/);
        if (f.length === 3 && !(f[1] ?? "").endsWith("/go.mod"))
          table.set(`${f[0] ?? ""} ${f[1] ?? ""}`, f[2] ?? "");
      }
    } catch {
      // no go.sum: no sums, as with a module without dependencies
    }
  }
  return (m) => m.Sum ?? table.get(`${m.Path} ${m.Version ?? ""}`) ?? "";
}

/**
 * buildInfoFor computes the build info of main package p from the loaded packages of its
 * build (byPath: import path -> package), as cmd/go's setBuildInfo does with -buildvcs=false.
 */
export function buildInfoFor(
  p: BuildPackage,
  byPath: ReadonlyMap<string, BuildPackage>,
  s: BuildSettingsInput,
): BuildInfo {
  const mainDir = p.Module?.Dir;
  const vendored = [...byPath.values()].some(
    (q) => mainDir !== undefined && q.Dir.startsWith(join(mainDir, "vendor") + "/"),
  );
  const lookup = goSumLookup(mainDir);
  const sums = vendored ? () => "" : lookup;
  const main = p.Module ? moduleOf(p.Module, sums) : { Path: "", Version: "", Sum: "" };
  const deps = new Map<string, Module>();
  const seen = new Set<string>();
  const queue = [...p.Imports];
  while (queue.length > 0) {
    const path = queue.shift() ?? "";
    if (seen.has(path)) continue;
    seen.add(path);
    const q = byPath.get(path);
    if (!q) continue;
    if (q.Module && q.Module.Path !== main.Path) {
      const key = `${q.Module.Path}@${q.Module.Version ?? ""}`;
      if (!deps.has(key)) deps.set(key, moduleOf(q.Module, sums));
    }
    queue.push(...q.Imports);
  }
  const sortedDeps = [...deps.values()].sort((a, b) =>
    a.Path !== b.Path ? (a.Path < b.Path ? -1 : 1) : compareSemver(a.Version, b.Version),
  );

  const settings: BuildInfo["Settings"] = [];
  const add = (key: string, value: string) =>
    settings.push({ Key: key, Value: value.replaceAll("\n", " ") });
  add("-buildmode", p.Name === "main" ? "exe" : "archive");
  add("-compiler", "gc");
  if (s.ldflags !== "" && !s.trimpath) add("-ldflags", s.ldflags);
  if (s.tags.length > 0) add("-tags", s.tags.join(","));
  if (s.trimpath) add("-trimpath", "true");
  if (p.DefaultGODEBUG) add("DefaultGODEBUG", p.DefaultGODEBUG);
  add("CGO_ENABLED", s.cgoEnabled ? "1" : "0");
  add("GOARCH", s.goarch);
  if (s.goexperiment !== "") add("GOEXPERIMENT", s.goexperiment);
  if (s.gofips140 !== "" && s.gofips140 !== "off") add("GOFIPS140", s.gofips140);
  add("GOOS", s.goos);
  if (s.archEnv && s.archEnv.value !== "") add(s.archEnv.key, s.archEnv.value);
  return { GoVersion: "", Path: p.ImportPath, Main: main, Deps: sortedDeps, Settings: settings };
}

/** modinfoBytes wraps the build info text in the sentinels, as the linker's -X runtime.modinfo wants. */
export function modinfoBytes(bi: BuildInfo): Buffer {
  return Buffer.concat([infoStart, Buffer.from(formatBuildInfo(bi), "utf8"), infoEnd]);
}
