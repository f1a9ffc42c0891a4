// The package sources of a build: `go list -json -deps` run for one target (the go loader),
// and the options every build loader takes (see nativeload.ts for crossgo's own).

import { run } from "../process/run.js";
import { embedMap } from "./embed.js";
import type { BuildPackage, ModuleInfo, PackageError } from "./package.js";
import type { Goroot } from "../toolchain/goroot.js";
import type { ErrorKind } from "../errors.js";

/** BuildTarget is what a build's loader needs of a target (the driver's Target has it). */
export interface BuildTarget {
  goos: string;
  goarch: string;
  id: string; // "linux/arm/v6"
  archEnv?: { key: string; value: string }; // GOARM=6, GOAMD64=v3, ...
  variant?: string; // the spec's third element as written ("v6")
}

/** targetEnv is the GOOS, GOARCH and sub-arch variable a target's go commands run with. */
export function targetEnv(t: BuildTarget): Record<string, string> {
  const env: Record<string, string> = { GOOS: t.goos, GOARCH: t.goarch };
  if (t.archEnv) env[t.archEnv.key] = t.archEnv.value;
  return env;
}

/** LoadOptions say which packages to load for which target. */
export interface BuildLoadOptions {
  goroot: Goroot;
  dir: string; // working directory: the main module
  patterns: string[]; // package patterns (".", "./cmd/x", "cmd/gofmt")
  target: BuildTarget;
  tags: string[]; // -tags
  cgoEnabled: boolean;
  env?: Record<string, string | undefined>; // base environment (default: process.env)
  signal?: AbortSignal;
}

/** LoadError is a loader that could not run or whose output did not parse. */
export class LoadError extends Error {
  override name = "LoadError";
  readonly kind: ErrorKind = "failure";
}

/** goToolEnv is the environment every child go command of crossgo runs in. */
export function goToolEnv(
  base: Record<string, string | undefined>,
  extra: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  env.GOTOOLCHAIN = "local";
  env.GOFLAGS = "";
  return { ...env, ...extra };
}

/**
 * listPackages runs `go list -json -deps -e` for one target and returns every package of the
 * build, dependencies first (the order go list prints them).
 */
export async function listPackages(o: BuildLoadOptions): Promise<BuildPackage[]> {
  const goBin = `${o.goroot.goroot}/bin/go`;
  const args = ["list", "-json", "-deps", "-e", "-pgo=off"];
  if (o.tags.length > 0) args.push("-tags", o.tags.join(","));
  args.push("--", ...o.patterns);
  const env = goToolEnv(o.env ?? process.env, {
    ...targetEnv(o.target),
    CGO_ENABLED: o.cgoEnabled ? "1" : "0",
    GOROOT: o.goroot.goroot,
  });
  const r = await run(goBin, args, { cwd: o.dir, env, ...(o.signal ? { signal: o.signal } : {}) });
  if (r.code !== 0) {
    throw new LoadError(
      `go list ${o.patterns.join(" ")} (${o.target.id}): ${r.stderr.trim() || `exit ${String(r.code)}`}`,
    );
  }
  return parseGoList(r.stdout);
}

/** parseGoList parses the concatenated JSON objects `go list -json` prints. */
export function parseGoList(text: string): BuildPackage[] {
  return splitJSONStream(text).map((s) => toPackage(JSON.parse(s) as Record<string, unknown>));
}

/** splitJSONStream cuts a stream of top-level JSON objects into one string per object. */
export function splitJSONStream(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 0x7d) {
      depth--;
      if (depth === 0) out.push(text.slice(start, i + 1));
      if (depth < 0) throw new LoadError(`go list output: unbalanced "}" at offset ${String(i)}`);
    }
  }
  if (depth !== 0) throw new LoadError("go list output: truncated JSON object");
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function toModule(v: unknown): ModuleInfo | undefined {
  if (v === null || typeof v !== "object") return undefined;
  const m = v as Record<string, unknown>;
  const out: ModuleInfo = { Path: str(m.Path) };
  if (typeof m.Version === "string") out.Version = m.Version;
  if (m.Main === true) out.Main = true;
  if (typeof m.Dir === "string") out.Dir = m.Dir;
  if (typeof m.GoVersion === "string") out.GoVersion = m.GoVersion;
  if (typeof m.Sum === "string") out.Sum = m.Sum;
  const rep = toModule(m.Replace);
  if (rep) out.Replace = rep;
  return out;
}

function toError(v: unknown): PackageError | undefined {
  if (v === null || typeof v !== "object") return undefined;
  const e = v as Record<string, unknown>;
  // go list's JSON keeps neither an import cycle's files nor whether the stack is always
  // printed: packageErrorText gives go build's text in every other case.
  return {
    ImportStack: Array.isArray(e.ImportStack) ? e.ImportStack.map(str) : [],
    Pos: str(e.Pos),
    Err: str(e.Err),
  };
}

function toPackage(o: Record<string, unknown>): BuildPackage {
  const importMap: Record<string, string> = {};
  if (o.ImportMap && typeof o.ImportMap === "object") {
    for (const [k, v] of Object.entries(o.ImportMap as Record<string, unknown>))
      if (typeof v === "string") importMap[k] = v;
  }
  const embedPatterns = strings(o.EmbedPatterns);
  const embedFiles = strings(o.EmbedFiles);
  const p: BuildPackage = {
    ImportPath: str(o.ImportPath),
    Dir: str(o.Dir),
    Name: str(o.Name),
    Goroot: o.Goroot === true,
    Standard: o.Standard === true,
    DepOnly: o.DepOnly === true,
    GoFiles: strings(o.GoFiles),
    CgoFiles: strings(o.CgoFiles),
    CFiles: strings(o.CFiles),
    CXXFiles: strings(o.CXXFiles),
    MFiles: strings(o.MFiles),
    FFiles: strings(o.FFiles),
    SFiles: strings(o.SFiles),
    HFiles: strings(o.HFiles),
    SysoFiles: strings(o.SysoFiles),
    SwigFiles: strings(o.SwigFiles),
    SwigCXXFiles: strings(o.SwigCXXFiles),
    EmbedPatterns: embedPatterns,
    EmbedFiles: embedFiles,
    Embed: embedMap(embedPatterns, embedFiles),
    Imports: strings(o.Imports),
    ImportMap: importMap,
    Deps: strings(o.Deps),
    DepsErrors: Array.isArray(o.DepsErrors)
      ? o.DepsErrors.map(toError).filter((e): e is PackageError => e !== undefined)
      : [],
  };
  if (typeof o.DefaultGODEBUG === "string" && o.DefaultGODEBUG !== "")
    p.DefaultGODEBUG = o.DefaultGODEBUG;
  const mod = toModule(o.Module);
  if (mod) p.Module = mod;
  const err = toError(o.Error);
  if (err) p.Error = err;
  return p;
}
