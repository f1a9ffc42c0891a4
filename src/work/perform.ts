// Performing one action: compile, asm, pack or link with the real go tools, through the
// cache (cmd/go's work/exec.go build and link).

import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { basename, join } from "node:path";
import type { Cache, CacheEntry } from "../cache/cache.js";
import type { RunOptions, RunResult } from "../process/run.js";
import { hasArchive, type Action } from "./action.js";
import type { ActionIDWriter, FileHasher } from "./actionid.js";
import { formatBuildInfo } from "../goinfo/modinfo.js";
import { goQuoteBytes } from "../goinfo/quote.js";
import { buildInfoFor, modinfoBytes, type BuildInfo } from "./buildinfo.js";
import { goCompileID, goLinkID, type GoIDInputs } from "./goids.js";
import { hashToString, rewriteBuildID } from "./buildid.js";
import { goToolEnv } from "../load/golist.js";
import type { Goroot } from "../toolchain/goroot.js";
import { appendToArchive } from "./pack.js";
import { targetEnv } from "./target.js";
import { asmArgs, compileArgs, linkArgs, type BuildFlags } from "./toolargs.js";

/** ExecContext is what every action of a build shares (not go/build's BuildContext: see load). */
export interface ExecContext {
  goroot: Goroot;
  flags: BuildFlags;
  cache: Cache;
  hasher: FileHasher;
  workDir: string; // temporary directory holding b<index>/ object directories
  cwd: string; // the directory the build was started in (the compiler's working directory)
  env: Record<string, string | undefined>; // the user's environment
  concurrency: number; // the most -c the compiler is given (when the machine would idle otherwise)
  toolGC: Record<string, string>; // GOGC/GOMEMLIMIT for compile and link (toolGCEnv)
  toolEnvs: Map<string, Record<string, string>>; // toolEnv's answers
  toolIDs: Map<string, string>; // tool path -> content hash, computed once per build
  goIDs: GoIDInputs; // what cmd/go's action IDs need (build IDs are derived from them)
  verified: Set<string>; // output IDs whose cached bytes were hashed and found intact in this build
  signal?: AbortSignal;
  run: (cmd: string, args: readonly string[], opts: RunOptions) => Promise<RunResult>; // starts a tool
  onToolStart?: (a: Action, tool: string) => void; // reports every tool process started
  onRebuild?: (a: Action, phase: "start" | "done") => void; // a damaged cache hit is compiled again
}

/** ToolError is a tool that exited with an error; output is what it printed. */
export class ToolError extends Error {
  override name = "ToolError";
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

const WORK = "$WORK";

function tool(ctx: ExecContext, name: string): string {
  return join(ctx.goroot.toolDir, name);
}

// toolID identifies a tool binary: its -V=full version line (what cmd/go uses), plus its
// size, mtime and inode, so a rebuilt tool of the same version is noticed too.
function toolID(ctx: ExecContext, name: "compile" | "asm" | "link"): string {
  const path = tool(ctx, name);
  let id = ctx.toolIDs.get(path);
  if (id === undefined) {
    const st = statSync(path, { bigint: true });
    id = `${ctx.goIDs.toolIDs[name]} ${String(st.size)} ${String(st.mtimeNs)} ${String(st.ino)}`;
    ctx.toolIDs.set(path, id);
  }
  return id;
}

/**
 * toolGCEnv is the garbage collector setting for compile and link: GOGC=400 under a soft
 * GOMEMLIMIT of 2 GiB. A build runs hundreds of short tool processes whose heaps stay small;
 * collecting them at GOGC=100 is mostly wasted work. Replaying go build's 59 compiles of a
 * hello program for linux/arm64 one at a time (4 alternating rounds): 9.45 s CPU with this
 * setting and -c=1, 10.68 s with go build's own (-c=2, which makes the compiler start with a
 * 128 MiB heap), 11.37 s with -c=1 and no setting. The tools' output does not depend on it.
 * The user's GOGC or GOMEMLIMIT wins; with less than 3 GiB of memory per job the tools keep
 * their defaults.
 */
export function toolGCEnv(
  env: Record<string, string | undefined>,
  jobs: number,
  totalMemory: number,
): Record<string, string> {
  if (env.GOGC !== undefined || env.GOMEMLIMIT !== undefined) return {};
  if (totalMemory / Math.max(1, jobs) < 3 * 2 ** 30) return {};
  return { GOGC: "400", GOMEMLIMIT: "2GiB" };
}

/**
 * toolEnv is the environment of compile/asm/link: the user's, aimed at the action's target.
 * The same object is returned for the same target and extra settings.
 */
function toolEnv(
  ctx: ExecContext,
  a: Action,
  extra: Record<string, string> = {},
): Record<string, string> {
  const key = `${a.target.id}\0${JSON.stringify(extra)}`;
  let env = ctx.toolEnvs.get(key);
  if (!env) {
    env = goToolEnv(ctx.env, {
      ...ctx.toolGC,
      ...targetEnv(a.target),
      CGO_ENABLED: ctx.flags.cgoEnabled ? "1" : "0",
      GOROOT: ctx.goroot.goroot,
      ...extra,
    });
    ctx.toolEnvs.set(key, env);
  }
  return env;
}

function commonLines(w: ActionIDWriter, ctx: ExecContext, a: Action): void {
  w.line("crossgo-action", "v1", a.kind);
  w.line("toolchain", ctx.goroot.version, ctx.goroot.goroot);
  const env = targetEnv(a.target);
  w.line(
    "target",
    ...Object.keys(env)
      .sort()
      .map((k) => `${k}=${env[k] ?? ""}`),
  );
  w.line("cgo", ctx.flags.cgoEnabled ? "1" : "0");
  for (const k of ["GOEXPERIMENT", "GOFIPS140", "GODEBUG"])
    w.line("env", `${k}=${ctx.env[k] ?? ""}`);
}

function objdirOf(ctx: ExecContext, a: Action): string {
  return join(ctx.workDir, `b${String(a.index).padStart(3, "0")}`);
}

function importcfgText(a: Action): string {
  let s = "# import config\n";
  for (const raw of Object.keys(a.pkg.ImportMap).sort())
    s += `importmap ${raw}=${a.pkg.ImportMap[raw] ?? ""}\n`;
  for (const d of a.deps) s += `packagefile ${d.pkg.ImportPath}=${d.outputPath ?? ""}\n`;
  return s;
}

function embedcfgText(a: Action): string | undefined {
  const p = a.pkg;
  if (p.EmbedPatterns.length === 0) return undefined;
  const files: Record<string, string> = {};
  for (const f of [...p.EmbedFiles].sort()) files[f] = join(p.Dir, f);
  const patterns: Record<string, string[]> = {};
  for (const k of Object.keys(p.Embed).sort()) patterns[k] = p.Embed[k] ?? [];
  return JSON.stringify({ Patterns: patterns, Files: files }, null, "\t");
}

/** compileActionID describes every input of a compile action and returns its ID. */
export function compileActionID(ctx: ExecContext, a: Action, w: ActionIDWriter): string {
  const p = a.pkg;
  const goID = goCompileID(ctx.goIDs, a, new Map(a.deps.map((d) => [d.pkg.ImportPath, d])));
  a.goActionID = goID.toString("hex");
  commonLines(w, ctx, a);
  w.line("goid", a.goActionID);
  w.line("tool", "compile", toolID(ctx, "compile"));
  if (p.SFiles.length > 0) w.line("tool", "asm", toolID(ctx, "asm"));
  w.line(
    "compile",
    ...compileArgs(p, a.target, ctx.goroot, ctx.flags, {
      objdir: WORK,
      buildID: "BUILDID",
      symabis: p.SFiles.length > 0,
      embedcfg: p.EmbedPatterns.length > 0,
      concurrency: 1,
      gofiles: p.GoFiles.map((f) => join(p.Dir, f)),
    }),
  );
  if (p.SFiles.length > 0)
    w.line("asm", ...asmArgs(p, a.target, ctx.goroot, ctx.flags, WORK), ...p.SFiles);
  for (const raw of Object.keys(p.ImportMap).sort())
    w.line("importmap", raw, p.ImportMap[raw] ?? "");
  for (const d of a.deps) w.line("import", d.pkg.ImportPath, d.outputID ?? "");
  for (const f of [...p.GoFiles, ...p.SFiles, ...p.HFiles, ...p.SysoFiles])
    w.line("file", f, ctx.hasher.hash(join(p.Dir, f)));
  for (const k of Object.keys(p.Embed).sort()) w.line("embedpattern", k, ...(p.Embed[k] ?? []));
  for (const f of [...p.EmbedFiles].sort()) w.line("embed", f, ctx.hasher.hash(join(p.Dir, f)));
  return w.sum();
}

async function runTool(
  ctx: ExecContext,
  a: Action,
  name: string,
  args: string[],
  cwd: string,
  extraEnv: Record<string, string> = {},
): Promise<string> {
  ctx.onToolStart?.(a, name);
  const r = await ctx.run(tool(ctx, name), args, {
    cwd,
    env: toolEnv(ctx, a, extraEnv),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const out = r.stdout + r.stderr;
  if (r.code !== 0)
    throw new ToolError(
      `${name} ${a.pkg.ImportPath} (${a.target.id}) failed${r.signal ? ` (${r.signal})` : ""}`,
      out,
    );
  return out;
}

// copyHFiles copies .h files named for GOOS/GOARCH to the generic names asm includes (exec.go).
function copyHFiles(a: Action, objdir: string): void {
  const { goos, goarch } = a.target;
  for (const file of a.pkg.HFiles) {
    const dot = file.lastIndexOf(".");
    const name = dot < 0 ? file : file.slice(0, dot);
    const ext = dot < 0 ? "" : file.slice(dot + 1);
    for (const [suffix, repl] of [
      [`_${goos}_${goarch}`, "_GOOS_GOARCH"],
      [`_${goarch}`, "_GOARCH"],
      [`_${goos}`, "_GOOS"],
    ] as const) {
      if (name.endsWith(suffix)) {
        copyFileSync(
          join(a.pkg.Dir, file),
          join(objdir, `${name.slice(0, -suffix.length)}${repl}.${ext}`),
        );
        break;
      }
    }
  }
}

// rebuilding holds the recompile of each damaged dependency, so that dependents finding the
// same damage at once wait for one compile.
const rebuilding = new WeakMap<Action, Promise<void>>();

/**
 * ensureInputs checks the cached bytes of every dependency output a's tools will read (once
 * per build). A damaged entry is reported, removed and rebuilt in place: a corrupt entry is
 * a miss.
 */
async function ensureInputs(ctx: ExecContext, a: Action): Promise<void> {
  for (const d of a.deps) {
    const pending = rebuilding.get(d);
    if (pending) {
      await pending;
      continue;
    }
    if (d.outputID === undefined || d.outputPath === undefined || ctx.verified.has(d.outputID))
      continue;
    const e = { actionID: d.actionID ?? "", outputID: d.outputID, path: d.outputPath };
    if (ctx.cache.intact(e)) {
      ctx.verified.add(d.outputID);
      continue;
    }
    const redo = (async () => {
      ctx.onRebuild?.(d, "start");
      await performCompile(ctx, d, d.actionID ?? "");
      d.cached = false;
      ctx.onRebuild?.(d, "done");
    })();
    rebuilding.set(d, redo);
    await redo;
  }
}

/**
 * performCompile runs asm -gensymabis, compile, asm and pack for a, and caches the archive.
 * concurrency is the compiler's -c: how many functions it compiles at once.
 */
export async function performCompile(
  ctx: ExecContext,
  a: Action,
  actionID: string,
  concurrency = 1,
): Promise<void> {
  await ensureInputs(ctx, a);
  const p = a.pkg;
  const objdir = objdirOf(ctx, a);
  mkdirSync(objdir, { recursive: true });
  const abs = (f: string) => join(p.Dir, f);
  const symabis = p.SFiles.length > 0;
  const asm = asmArgs(p, a.target, ctx.goroot, ctx.flags, objdir);
  let output = "";
  if (symabis) {
    writeFileSync(join(objdir, "go_asm.h"), "");
    output += await runTool(
      ctx,
      a,
      "asm",
      [...asm, "-gensymabis", "-o", join(objdir, "symabis"), ...p.SFiles.map(abs)],
      p.Dir,
    );
  }
  writeFileSync(join(objdir, "importcfg"), importcfgText(a));
  const embed = embedcfgText(a);
  if (embed !== undefined) writeFileSync(join(objdir, "embedcfg"), embed);
  const idShort = hashToString(Buffer.from(a.goActionID ?? actionID, "hex"));
  const buildID = `${idShort}/${idShort}`;
  output += await runTool(
    ctx,
    a,
    "compile",
    compileArgs(p, a.target, ctx.goroot, ctx.flags, {
      objdir,
      buildID,
      symabis,
      embedcfg: embed !== undefined,
      concurrency,
      gofiles: p.GoFiles.map(abs),
    }),
    ctx.cwd,
    // A compiler told to compile one function at a time runs its collector on one thread too
    // when crossgo manages the tools' memory: the other cores are busy with other actions.
    concurrency === 1 && ctx.toolGC.GOGC !== undefined && ctx.env.GOMAXPROCS === undefined
      ? { GOMAXPROCS: "1" }
      : {},
  );
  copyHFiles(a, objdir);
  const members = [];
  for (const s of p.SFiles) {
    const ofile = join(objdir, s.slice(0, -2) + ".o");
    output += await runTool(ctx, a, "asm", [...asm, "-o", ofile, abs(s)], p.Dir);
    members.push({ name: basename(ofile), data: readFileSync(ofile) });
  }
  for (const s of p.SysoFiles) members.push({ name: s, data: readFileSync(abs(s)) });
  const pkgFile = join(objdir, "_pkg_.a");
  let archive: Buffer = readFileSync(pkgFile);
  let e: CacheEntry;
  let finalID: string;
  if (members.length > 0) {
    archive = appendToArchive(archive, members);
    finalID = rewriteBuildID(archive, buildID).id;
    e = ctx.cache.put(actionID, archive, { buildid: finalID, output });
  } else {
    // The compiler's file only needs its build IDs rewritten: patch them there and move the
    // file into the cache instead of writing all of it again.
    const r = rewriteBuildID(archive, buildID);
    finalID = r.id;
    patchFile(pkgFile, archive, r.offsets, r.id.length);
    e = ctx.cache.putFile(actionID, pkgFile, archive, { buildid: finalID, output });
  }
  ctx.verified.add(e.outputID);
  a.outputID = e.outputID;
  a.outputPath = e.path;
  a.buildID = finalID;
  a.toolOutput = output;
}

/** patchFile writes data's bytes [off, off+n) for each offset into file, which otherwise holds them. */
function patchFile(file: string, data: Buffer, offsets: readonly number[], n: number): void {
  if (offsets.length === 0) return;
  const fd = openSync(file, "r+");
  try {
    for (const off of offsets) writeSync(fd, data, off, n, off);
  } finally {
    closeSync(fd);
  }
}

/** LinkPlan is a link action's command line and its description for the action ID. */
interface LinkPlan {
  importcfg: string;
  args: (objdir: string, buildID: string) => string[];
  env: Record<string, string>;
}

/** buildInfo is the build info of link action a's main package. */
export function buildInfo(ctx: ExecContext, a: Action): BuildInfo {
  return buildInfoFor(a.pkg, a.packages, {
    ldflags: ctx.flags.ldflagsRaw,
    tags: ctx.flags.tags,
    trimpath: ctx.flags.trimpath,
    cgoEnabled: ctx.flags.cgoEnabled,
    goos: a.target.goos,
    goarch: a.target.goarch,
    ...(a.target.archEnv ? { archEnv: a.target.archEnv } : {}),
    goexperiment: ctx.env.GOEXPERIMENT ?? "",
    gofips140: ctx.env.GOFIPS140 ?? "",
  });
}

/** buildInfoText is BuildInfo.String() for the main package of action a (compile or link). */
export function buildInfoText(ctx: ExecContext, a: Action): string {
  return formatBuildInfo(buildInfo(ctx, a));
}

function linkPlan(ctx: ExecContext, a: Action): LinkPlan {
  const [main, ...rest] = a.deps;
  if (!main) throw new Error(`link ${a.pkg.ImportPath}: no main package action`);
  const info = buildInfo(ctx, a);
  let cfg = `packagefile ${a.pkg.ImportPath}=${main.outputPath ?? ""}\n`;
  for (const d of rest)
    if (hasArchive(d.pkg.ImportPath))
      cfg += `packagefile ${d.pkg.ImportPath}=${d.outputPath ?? ""}\n`;
  cfg += `modinfo ${goQuoteBytes(modinfoBytes(info))}\n`;
  return {
    importcfg: cfg,
    args: (objdir, buildID) =>
      linkArgs(a.pkg, a.target, ctx.goroot, ctx.flags, {
        output: join(objdir, "exe", "a.out"),
        importcfg: join(objdir, "importcfg.link"),
        buildID,
        mainArchive: main.outputPath ?? "",
        mustLinkExternal: a.target.mustLinkExternal,
      }),
    env: { GOROOT: ctx.flags.trimpath ? "" : ctx.goroot.goroot },
  };
}

/** linkActionID describes every input of a link action and returns its ID. */
export function linkActionID(ctx: ExecContext, a: Action, w: ActionIDWriter): string {
  const plan = linkPlan(ctx, a);
  a.goActionID = goLinkID(ctx.goIDs, a).toString("hex");
  commonLines(w, ctx, a);
  w.line("goid", a.goActionID);
  w.line("buildid-rewrite", "v4"); // v2: GNU build-id excluded; v3: Mach-O re-signed; v4: LC_UUID excluded
  w.line("tool", "link", toolID(ctx, "link"));
  w.line("link", ...plan.args(WORK, "BUILDID").filter((x) => !x.startsWith(ctx.cache.dir)));
  w.line("linkenv", `GOROOT=${plan.env.GOROOT ?? ""}`);
  for (const line of plan.importcfg.split("\n")) {
    const m = /^packagefile ([^=]+)=/.exec(line);
    if (m) continue;
    if (line !== "") w.line("importcfg", line);
  }
  for (const d of a.deps)
    w.line("packagefile", d.pkg.ImportPath, d.outputID ?? "", d.buildID ?? "");
  return w.sum();
}

/** performLink links a's main package and caches the executable. */
export async function performLink(ctx: ExecContext, a: Action, actionID: string): Promise<void> {
  await ensureInputs(ctx, a);
  const plan = linkPlan(ctx, a);
  const objdir = objdirOf(ctx, a);
  mkdirSync(join(objdir, "exe"), { recursive: true });
  writeFileSync(join(objdir, "importcfg.link"), plan.importcfg);
  const main = a.deps[0];
  const idShort = hashToString(Buffer.from(a.goActionID ?? actionID, "hex"));
  const buildID = `${idShort}/${main?.buildID ?? ""}/${idShort}`;
  const output = await runTool(ctx, a, "link", plan.args(objdir, buildID), ctx.cwd, plan.env);
  const exe = readFileSync(join(objdir, "exe", "a.out"));
  const finalID = rewriteBuildID(exe, buildID).id;
  const e = ctx.cache.put(actionID, exe, { buildid: finalID, output });
  ctx.verified.add(e.outputID);
  a.outputID = e.outputID;
  a.outputPath = e.path;
  a.buildID = finalID;
  a.toolOutput = output;
}
