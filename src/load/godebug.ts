// Default GODEBUG settings of a main package (cmd/go's load/godebug.go): the toolchain's table
// of settings whose default changed, the main module's go version and godebug lines, and the
// package's //go:debug directives.

import type { SourceCache } from "./fs.js";
import type { ModuleState } from "./modules.js";
import type { Package } from "./package.js";
import type { ToolchainInfo } from "./toolchain.js";

/** GodebugInfo is one row of internal/godebugs.All: a setting whose default changed in 1.Changed. */
export interface GodebugInfo {
  name: string;
  changed: number; // 0 when the default never changed
  old: string; // the default before 1.changed
}

/** parseGodebugTable parses $GOROOT/src/internal/godebugs/table.go (the toolchain's own list). */
export function parseGodebugTable(text: string): GodebugInfo[] {
  const out: GodebugInfo[] = [];
  for (const m of text.matchAll(/\{Name: "([^"]+)"([^}]*)\}/g)) {
    const rest = m[2] ?? "";
    const changed = Number(/Changed: (\d+)/.exec(rest)?.[1] ?? "0");
    const old = /Old: "([^"]*)"/.exec(rest)?.[1] ?? "";
    out.push({ name: m[1] ?? "", changed, old });
  }
  return out;
}

/**
 * parseGoDebugDirective is load.ParseGoDebug for one comment line: "//go:debug k=v" gives
 * [k, v]; anything else undefined.
 */
export function parseGoDebugDirective(line: string): [string, string] | undefined {
  if (!line.startsWith("//go:debug")) return undefined;
  const rest = line.slice("//go:debug".length);
  if (!/^[ \t]/.test(rest)) return undefined;
  const kv = rest.trim();
  const eq = kv.indexOf("=");
  if (eq <= 0) return undefined;
  return [kv.slice(0, eq), kv.slice(eq + 1)];
}

/** goDebugDirectives collects the //go:debug lines before the package clause of each file's text. */
export function goDebugDirectives(texts: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const text of texts) {
    for (const line of text.split("\n")) {
      const l = line.trim();
      if (/^package\s/.test(l)) break;
      const d = parseGoDebugDirective(l);
      if (d) out.push(d);
    }
  }
  return out;
}

/**
 * defaultGODEBUG is load.defaultGODEBUG for a main package: the table's old defaults for
 * settings changed after goVersion, overridden by go.mod godebug lines and //go:debug
 * directives ("default=go1.X" picks another base version), as "k=v,k=v" sorted by key.
 */
export function defaultGODEBUG(
  table: readonly GodebugInfo[],
  goVersion: string,
  settings: readonly [string, string][],
  fips140 = false,
): string {
  const m = new Map<string, string>();
  if (fips140) m.set("fips140", "on");
  for (const [k, v] of settings) m.set(k, v);
  let version = goVersion;
  const def = m.get("default");
  if (def !== undefined) {
    m.delete("default");
    const v = def.replace(/^go/, "");
    if (/^1(\.\d+)*/.test(v)) version = v;
  }
  const mm = /^1\.(\d+)/.exec(version);
  if (mm) {
    const n = Number(mm[1]);
    const merged = new Map<string, string>();
    for (const info of table) if (n < info.changed) merged.set(info.name, info.old);
    for (const [k, v] of m) merged.set(k, v);
    return [...merged.keys()]
      .sort()
      .map((k) => `${k}=${merged.get(k) ?? ""}`)
      .join(",");
  }
  return [...m.keys()]
    .sort()
    .map((k) => `${k}=${m.get(k) ?? ""}`)
    .join(",");
}

/**
 * setDefaultGODEBUG sets the DefaultGODEBUG of each main package (load.defaultGODEBUG): the
 * toolchain's old defaults for settings changed after the main module's go version, then
 * go.mod's (or go.work's) godebug lines, then the package's //go:debug directives.
 */
export function setDefaultGODEBUG(
  pkgs: readonly Package[],
  cache: SourceCache,
  tc: ToolchainInfo,
  modules: ModuleState,
  env: Record<string, string | undefined>,
): void {
  const mains = pkgs.filter((p) => p.Name === "main" && p.Internal.loaded === true);
  if (mains.length === 0) return;
  const table = tc.godebugTable();
  const base = modules.godebug ?? { goVersion: tc.version.replace(/^go/, ""), settings: [] };
  const fips = tc.minor >= 24 && (env.GOFIPS140 ?? "off") !== "off";
  for (const p of mains) {
    // The directives sit before the package clause: in the header the loader has read.
    const headers = p.GoFiles.map((f) => cache.source(`${p.Dir}/${f}`, true).go?.header ?? "");
    const directives = goDebugDirectives(headers);
    p.DefaultGODEBUG = defaultGODEBUG(
      table,
      base.goVersion,
      [...base.settings, ...directives],
      fips,
    );
  }
}
