// The command lines of go tool compile, asm and link for a package and target (cmd/go's
// work/gc.go).

import { join } from "node:path";
import type { Goroot } from "../toolchain/goroot.js";
import type { BuildPackage } from "../load/package.js";
import type { Target } from "./target.js";
import { compareGo, goLang } from "../platform/version.js";

/**
 * BuildFlags are the user-facing build settings that shape tool command lines, the same
 * for every package of a build.
 */
export interface BuildFlags {
  trimpath: boolean;
  ldflags: string[]; // -ldflags, split into words
  ldflagsRaw: string; // the -ldflags value as written (recorded in the build info)
  tags: string[];
  cgoEnabled: boolean;
}

/** langVersion is the -lang value for p (exec.go: the module's go line, else the toolchain's). */
export function langVersion(p: BuildPackage, gr: Goroot): string {
  const local = gr.version.replace(/^go/, "");
  let v = local;
  if (p.Module) {
    const mv = p.Module.GoVersion || "1.16"; // gover.DefaultGoModVersion
    if (compareGo(local, mv) >= 0) v = mv;
  }
  return "go" + goLang(v);
}

/** linkBuildmode is the -buildmode the linker gets for `go build` of a main package. */
export function linkBuildmode(t: Target): "exe" | "pie" {
  return t.defaultPIE ? "pie" : "exe";
}

/** codegenFlags are cmd/go's forcedGcflags/forcedAsmflags for the default build mode. */
export function codegenFlags(t: Target): string[] {
  return t.defaultPIE && t.goos !== "windows" ? ["-shared"] : [];
}

/** pkgPath is the -p value: "main" for commands, the import path otherwise. */
export function pkgPath(p: BuildPackage): string {
  return p.Name === "main" ? "main" : p.ImportPath;
}

/** trimpathArg is Action.trimpath: rewrite the object directory away, and the source dir under -trimpath. */
export function trimpathArg(p: BuildPackage, objdir: string, f: BuildFlags): string {
  let rewrite = "";
  if (f.trimpath) {
    const m = p.Module;
    const to = m?.Version
      ? m.Path +
        "@" +
        m.Version +
        p.ImportPath.slice(p.ImportPath.startsWith(m.Path) ? m.Path.length : 0)
      : p.ImportPath;
    rewrite += `${p.Dir}=>${to};`;
  }
  return rewrite + `${objdir.replace(/\/$/, "")}=>`;
}

// packagesWithForwardDecls get no -complete: runtime supplies pieces of them (gc.go).
const packagesWithForwardDecls = new Set([
  "bytes",
  "internal/poll",
  "net",
  "os",
  "runtime/metrics",
  "runtime/pprof",
  "runtime/trace",
  "sync",
  "syscall",
  "time",
]);

/** CompileInputs are the per-action paths and values of one compile command. */
export interface CompileInputs {
  objdir: string; // ends without a slash
  buildID: string;
  symabis: boolean; // an asm -gensymabis ran: pass -symabis and -asmhdr
  embedcfg: boolean;
  concurrency: number; // -c=N, only recorded when > 1
  gofiles: string[]; // absolute paths
}

/** compileArgs is gcToolchain.gc's command line, without the tool path itself. */
export function compileArgs(
  p: BuildPackage,
  t: Target,
  gr: Goroot,
  f: BuildFlags,
  c: CompileInputs,
): string[] {
  const args = [
    "-o",
    join(c.objdir, "_pkg_.a"),
    "-trimpath",
    trimpathArg(p, c.objdir, f),
    "-p",
    pkgPath(p),
    "-lang=" + langVersion(p, gr),
  ];
  if (p.Standard) args.push("-std");
  const ext =
    p.CgoFiles.length +
    p.CFiles.length +
    p.CXXFiles.length +
    p.MFiles.length +
    p.FFiles.length +
    p.SFiles.length +
    p.SysoFiles.length +
    p.SwigFiles.length +
    p.SwigCXXFiles.length;
  if (ext === 0 && !(p.Standard && packagesWithForwardDecls.has(p.ImportPath)))
    args.push("-complete");
  args.push("-buildid", c.buildID);
  if (t.goos === "plan9" || t.goarch === "wasm") args.push("-dwarf=false");
  args.push("-goversion", gr.version);
  if (c.symabis) args.push("-symabis", join(c.objdir, "symabis"));
  if (c.concurrency > 1) args.push(`-c=${String(c.concurrency)}`);
  args.push(...codegenFlags(t));
  args.push("-nolocalimports", "-importcfg", join(c.objdir, "importcfg"));
  if (c.embedcfg) args.push("-embedcfg", join(c.objdir, "embedcfg"));
  args.push("-pack");
  if (c.symabis) args.push("-asmhdr", join(c.objdir, "go_asm.h"));
  args.push(...c.gofiles);
  return args;
}

/** asmArgs is gc.go's asmArgs: the common part of every asm command of p, without the tool path. */
export function asmArgs(
  p: BuildPackage,
  t: Target,
  gr: Goroot,
  f: BuildFlags,
  objdir: string,
): string[] {
  const args = [
    "-p",
    pkgPath(p),
    "-trimpath",
    trimpathArg(p, objdir, f),
    "-I",
    objdir + "/",
    "-I",
    join(gr.goroot, "pkg", "include"),
    "-D",
    "GOOS_" + t.goos,
    "-D",
    "GOARCH_" + t.goarch,
  ];
  args.push(...codegenFlags(t));
  if (p.Standard && gr.minor >= 27) args.push("-std"); // asm learned -std in Go 1.27
  for (const d of t.asmDefines) args.push("-D", d);
  return args;
}

/** LinkInputs are the per-action values of one link command. */
export interface LinkInputs {
  output: string;
  importcfg: string;
  buildID: string;
  mainArchive: string;
  mustLinkExternal: boolean;
}

/** linkArgs is gcToolchain.ld's command line, without the tool path. */
export function linkArgs(
  p: BuildPackage,
  t: Target,
  gr: Goroot,
  f: BuildFlags,
  l: LinkInputs,
): string[] {
  const ld: string[] = [];
  if (p.Goroot && p.ImportPath.startsWith("cmd/") && !l.mustLinkExternal)
    ld.push("-X=cmd/internal/objabi.buildID=" + l.buildID);
  if (p.DefaultGODEBUG) ld.push("-X=runtime.godebugDefault=" + p.DefaultGODEBUG);
  ld.push("-buildmode=" + linkBuildmode(t));
  if (l.buildID !== "") ld.push("-buildid=" + l.buildID);
  ld.push(...f.ldflags);
  if (!f.ldflags.some((x) => x === "-extld" || x.startsWith("-extld="))) {
    const cc = process.env.CC?.trim() || gr.defaultCC(t.goos, t.goarch);
    ld.push("-extld=" + cc);
  }
  return ["-o", l.output, "-importcfg", l.importcfg, ...ld, l.mainArchive];
}

/**
 * splitQuoted is cmd/internal/quoted.Split: words separated by spaces, where a word may be
 * wrapped in single or double quotes (no escapes). It throws on an unterminated quote.
 */
export function splitQuoted(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i] ?? "")) i++;
    if (i >= s.length) break;
    const q = s[i];
    if (q === '"' || q === "'") {
      const end = s.indexOf(q, i + 1);
      if (end < 0) throw new Error(`unterminated ${q} string in "${s}"`);
      out.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j] ?? "")) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}
