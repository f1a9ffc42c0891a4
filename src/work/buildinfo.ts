import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ModuleInfo, PackageInfo } from "./package.js";

/** BuildSetting is one "build\tkey=value" line of the build info. */
export interface BuildSetting {
  key: string;
  value: string;
}

/** BuildInfoModule is a module line ("mod", "dep" or "=>") of the build info. */
export interface BuildInfoModule {
  path: string;
  version: string;
  sum: string;
  replace?: BuildInfoModule;
}

/** BuildInfo mirrors runtime/debug.BuildInfo without GoVersion (the linker stores that apart). */
export interface BuildInfo {
  path: string;
  main?: BuildInfoModule;
  deps: BuildInfoModule[];
  settings: BuildSetting[];
}

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

function moduleOf(m: ModuleInfo, sums: (m: ModuleInfo) => string): BuildInfoModule {
  const out: BuildInfoModule = { path: m.Path, version: m.Version || "(devel)", sum: "" };
  if (m.Replace) out.replace = moduleOf(m.Replace, sums);
  else if (m.Version) out.sum = sums(m);
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
  p: PackageInfo,
  byPath: ReadonlyMap<string, PackageInfo>,
  s: BuildSettingsInput,
): BuildInfo {
  const mainDir = p.Module?.Dir;
  const vendored = [...byPath.values()].some(
    (q) => mainDir !== undefined && q.Dir.startsWith(join(mainDir, "vendor") + "/"),
  );
  const lookup = goSumLookup(mainDir);
  const sums = vendored ? () => "" : lookup;
  const main = p.Module ? moduleOf(p.Module, sums) : undefined;
  const deps = new Map<string, BuildInfoModule>();
  const seen = new Set<string>();
  const queue = [...p.Imports];
  while (queue.length > 0) {
    const path = queue.shift() ?? "";
    if (seen.has(path)) continue;
    seen.add(path);
    const q = byPath.get(path);
    if (!q) continue;
    if (q.Module && q.Module.Path !== main?.path) {
      const key = `${q.Module.Path}@${q.Module.Version ?? ""}`;
      if (!deps.has(key)) deps.set(key, moduleOf(q.Module, sums));
    }
    queue.push(...q.Imports);
  }
  const sortedDeps = [...deps.values()].sort((a, b) =>
    a.path !== b.path ? (a.path < b.path ? -1 : 1) : compareSemver(a.version, b.version),
  );

  const settings: BuildSetting[] = [];
  const add = (key: string, value: string) =>
    settings.push({ key, value: value.replaceAll("\n", " ") });
  add("-buildmode", p.Name === "main" ? "exe" : "archive");
  add("-compiler", "gc");
  if (s.ldflags !== "" && !s.trimpath) add("-ldflags", s.ldflags);
  if (s.tags.length > 0) add("-tags", s.tags.join(","));
  if (s.trimpath) add("-trimpath", "true");
  if (p.DefaultGODEBUG !== "") add("DefaultGODEBUG", p.DefaultGODEBUG);
  add("CGO_ENABLED", s.cgoEnabled ? "1" : "0");
  add("GOARCH", s.goarch);
  if (s.goexperiment !== "") add("GOEXPERIMENT", s.goexperiment);
  if (s.gofips140 !== "" && s.gofips140 !== "off") add("GOFIPS140", s.gofips140);
  add("GOOS", s.goos);
  if (s.archEnv && s.archEnv.value !== "") add(s.archEnv.key, s.archEnv.value);
  const info: BuildInfo = { path: p.ImportPath, deps: sortedDeps, settings };
  if (main) info.main = main;
  return info;
}

const quoteKeyChars = /[= \t\r\n"`]/;
const quoteValueChars = /[ \t\r\n"`]/;

/** formatBuildInfo is runtime/debug.BuildInfo.String. */
export function formatBuildInfo(bi: BuildInfo): string {
  let out = "";
  if (bi.path !== "") out += `path\t${bi.path}\n`;
  const formatMod = (word: string, m: BuildInfoModule) => {
    out += `${word}\t${m.path}\t${m.version}`;
    if (m.replace) {
      out += "\n";
      formatMod("=>", m.replace);
    } else {
      out += `\t${m.sum}\n`;
    }
  };
  if (bi.main) formatMod("mod", bi.main);
  for (const d of bi.deps) formatMod("dep", d);
  for (const s of bi.settings) {
    const key = s.key === "" || quoteKeyChars.test(s.key) ? goQuote(s.key) : s.key;
    const value = quoteValueChars.test(s.value) ? goQuote(s.value) : s.value;
    out += `build\t${key}=${value}\n`;
  }
  return out;
}

/** modinfoBytes wraps the build info text in the sentinels, as the linker's -X runtime.modinfo wants. */
export function modinfoBytes(bi: BuildInfo): Buffer {
  return Buffer.concat([infoStart, Buffer.from(formatBuildInfo(bi), "utf8"), infoEnd]);
}

const escapes: Record<number, string> = {
  7: "\\a",
  8: "\\b",
  12: "\\f",
  10: "\\n",
  13: "\\r",
  9: "\\t",
  11: "\\v",
  0x22: '\\"',
  0x5c: "\\\\",
};

/**
 * goQuoteBytes renders bytes as a Go double-quoted string literal that strconv.Unquote turns
 * back into exactly those bytes (non-ASCII bytes become \x escapes).
 */
export function goQuoteBytes(b: Uint8Array): string {
  let s = '"';
  for (const c of b) {
    const e = escapes[c];
    if (e !== undefined) s += e;
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += "\\x" + c.toString(16).padStart(2, "0");
  }
  return s + '"';
}

/** goQuote is strconv.Quote for text: printable characters stay, control characters are escaped. */
export function goQuote(text: string): string {
  let s = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const e = escapes[c];
    if (e !== undefined) s += e;
    else if (c < 0x20 || c === 0x7f) s += "\\x" + c.toString(16).padStart(2, "0");
    else s += ch;
  }
  return s + '"';
}
