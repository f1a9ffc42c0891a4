// Helpers for the differential tests of src/load: run the real `go list` and compare its
// objects with crossgo's on go list's field names.

import { run } from "../../src/process/run.js";
import { load, type LoadOptions } from "../../src/load/loader.js";
import { packageJSON } from "../../src/load/package.js";

/** FIELDS are the go list fields the tests compare. */
export const FIELDS = [
  "ImportPath",
  "Dir",
  "Name",
  "Root",
  "Module",
  "Goroot",
  "Standard",
  "DepOnly",
  "DefaultGODEBUG",
  "Match",
  "GoFiles",
  "CgoFiles",
  "IgnoredGoFiles",
  "InvalidGoFiles",
  "IgnoredOtherFiles",
  "CFiles",
  "CXXFiles",
  "MFiles",
  "HFiles",
  "FFiles",
  "SFiles",
  "SwigFiles",
  "SwigCXXFiles",
  "SysoFiles",
  "EmbedPatterns",
  "EmbedFiles",
  "CgoCFLAGS",
  "CgoCPPFLAGS",
  "CgoCXXFLAGS",
  "CgoFFLAGS",
  "CgoLDFLAGS",
  "CgoPkgConfig",
  "Imports",
  "ImportMap",
  "Deps",
  "Error",
  "DepsErrors",
  "TestGoFiles",
  "TestImports",
  "TestEmbedPatterns",
  "XTestGoFiles",
  "XTestImports",
  "XTestEmbedPatterns",
] as const;

/** parseJSONStream splits go list -json output (concatenated objects) into objects. */
export function parseJSONStream(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let depth = 0;
  let start = -1;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === "\\") i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}") {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)) as Record<string, unknown>);
    }
  }
  return out;
}

/** goEnv is a clean environment for the real go command. */
export function goEnv(goroot: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: `${goroot}/bin:${process.env.PATH ?? ""}`,
    HOME: process.env.HOME ?? "/root",
    GOTOOLCHAIN: "local",
    GOFLAGS: "",
    GOROOT: goroot,
    GOPROXY: "off",
    GOSUMDB: "off",
    GOTELEMETRY: "off",
    GOENV: "off",
    ...extra,
  };
  return env;
}

/** goList runs `go list -e -json [-deps] patterns` for GOOS/GOARCH in cwd. */
export async function goList(
  goroot: string,
  goos: string,
  goarch: string,
  patterns: string[],
  cwd: string,
  extra: Record<string, string> = {},
  deps = true,
): Promise<Record<string, unknown>[]> {
  const env = goEnv(goroot, { GOOS: goos, GOARCH: goarch, ...extra });
  const args = ["list", "-e", "-json", ...(deps ? ["-deps"] : []), ...patterns];
  const r = await run(`${goroot}/bin/go`, args, { cwd, env });
  if (r.code !== 0) throw new Error(`go list failed (${r.code}): ${r.stderr}`);
  return parseJSONStream(r.stdout);
}

/** crossgoList loads with src/load and returns the go list JSON objects. */
export async function crossgoList(
  patterns: string[],
  opts: LoadOptions,
): Promise<Record<string, unknown>[]> {
  const res = await load(patterns, opts);
  return res.packages.map((p) => packageJSON(p));
}

/** diffLists compares two listings on FIELDS; it returns human-readable differences. */
export function diffLists(
  have: Record<string, unknown>[],
  want: Record<string, unknown>[],
  fields: readonly string[] = FIELDS,
  max = 20,
): string[] {
  const diffs: string[] = [];
  const h = have.map((o) => String(o.ImportPath));
  const w = want.map((o) => String(o.ImportPath));
  const hset = new Set(h);
  const wset = new Set(w);
  for (const p of w) if (!hset.has(p)) diffs.push(`missing package ${p}`);
  for (const p of h) if (!wset.has(p)) diffs.push(`extra package ${p}`);
  if (diffs.length === 0 && h.join("\n") !== w.join("\n")) {
    const i = h.findIndex((p, k) => p !== w[k]);
    diffs.push(`order differs at ${i}: have ${h[i]}, want ${w[i]}`);
  }
  const byPath = new Map(have.map((o) => [String(o.ImportPath), o]));
  for (const wo of want) {
    const ho = byPath.get(String(wo.ImportPath));
    if (!ho) continue;
    for (const f of fields) {
      const a = JSON.stringify(canonical(f, ho[f]) ?? null);
      const b = JSON.stringify(canonical(f, wo[f]) ?? null);
      if (a !== b) diffs.push(`${String(wo.ImportPath)}: ${f}: have ${a}, want ${b}`);
      if (diffs.length >= max) return diffs;
    }
  }
  return diffs;
}

/**
 * canonical orders DepsErrors fully. go list sorts them only by the last package of each
 * import stack with an unstable sort, so errors of one package come out in random order.
 */
function canonical(field: string, v: unknown): unknown {
  if (field !== "DepsErrors" || !Array.isArray(v)) return v;
  const key = (e: { ImportStack: string[]; Err: string; Pos: string }) =>
    `${e.ImportStack[e.ImportStack.length - 1] ?? ""}\u0000${e.Pos}\u0000${e.Err}`;
  return [...(v as { ImportStack: string[]; Err: string; Pos: string }[])].sort((x, y) =>
    key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0,
  );
}
