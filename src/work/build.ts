// The native build: load every target's packages, plan one action graph, execute it, and
// install the executables with SHA256SUMS and manifest.json.

import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { Cache, defaultCacheDir } from "../cache/cache.js";
import { readSealed, seal, writeAtomic, type DamageListener } from "../cache/seal.js";
import { graphJSON, planBuild, type ActionGraph, type TargetBuild } from "./action.js";
import { FileHasher } from "./actionid.js";
import { execute, type ExecEvent } from "./exec.js";
import { buildInfoText, toolGCEnv, type ExecContext } from "./perform.js";
import { run } from "../process/run.js";
import { Spawner } from "../process/spawner.js";
import { goToolEnv } from "../load/golist.js";
import { listPackages, type BuildLoadOptions } from "../load/golist.js";
import { NativeLoader } from "../load/nativeload.js";
import { ListCache } from "../load/listcache.js";
import { readGoroot, type Goroot } from "../toolchain/goroot.js";
import {
  artifactPath,
  checkOutputPaths,
  installArtifact,
  writeOutputs,
  type Artifact,
} from "./output.js";
import { packageErrorText, packageUsesCgo, type BuildPackage } from "../load/package.js";
import type { Target } from "./target.js";
import { splitQuoted, type BuildFlags } from "./toolargs.js";
import type { ErrorKind } from "../errors.js";
import { NoMainModuleError } from "../load/patterns.js";

/** BuildOptions are the inputs of one native build of a target matrix. */
export interface BuildOptions {
  goroot: string | Goroot; // GOROOT, or the toolchain already read from it
  dir: string; // working directory (the main module)
  patterns: string[]; // main packages to build
  targets: Target[];
  outDir: string;
  trimpath: boolean;
  ldflags: string; // as written by the user (after --reproducible's additions)
  tags: string[];
  jobs?: number;
  failFast?: boolean;
  cacheDir?: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  onEvent?: (e: BuildEvent) => void;
  debugActionGraph?: string; // write the graph as JSON here
  loader?: LoaderKind; // package source (default "native")
}

/** LoaderKind names the package source: crossgo's own loader, or `go list -json -deps`. */
export type LoaderKind = "native" | "go";

/** BuildEvent is an executor event or a target-level note. */
export type BuildEvent =
  | ExecEvent
  | { type: "target-failed"; target: Target; message: string }
  | { type: "loaded"; target: Target; packages: number; ms: number }
  | { type: "cache-damaged"; file: string; reason: string }; // found, removed, rebuilt

/** TargetFailure is a target that produced no executable, and why. */
export interface TargetFailure {
  target: string;
  message: string; // one line
  detail: string; // tool or loader output (file:line messages)
}

/** BuildResult is what a build produced. */
export interface BuildResult {
  goroot: Goroot;
  artifacts: Artifact[];
  failures: TargetFailure[];
  graph: ActionGraph;
  ran: number; // actions that ran tools
  cached: number; // actions satisfied from the cache
  toolRuns: Record<string, number>; // tool name -> processes started
  aborted: boolean;
  cancelled: string[]; // targets not finished because the build stopped early (--fail-fast)
  removed: string[]; // old executables of failed or cancelled targets removed from outDir
  timings: { loadMs: number; execMs: number; totalMs: number };
}

/** UnsupportedError names a feature the native driver does not handle (use --backend go). */
export class UnsupportedError extends Error {
  override name = "UnsupportedError";
  readonly kind: ErrorKind = "usage";
}

/**
 * removeStaleWorkDirs deletes the work directories of crossgo processes that died without
 * cleaning up (kill -9): crossgo-work-<pid>-* whose pid no longer exists.
 */
export function removeStaleWorkDirs(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^crossgo-work-(\d+)-/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    try {
      process.kill(pid, 0);
      continue; // alive (or not ours to judge)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ESRCH") continue;
    }
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * toolVersion is the first line of `go tool <name> -V=full` ("compile version go1.27.4"),
 * the tool identity cmd/go hashes into its action IDs.
 */
export async function toolVersion(
  gr: Goroot,
  name: string,
  env: Record<string, string | undefined>,
): Promise<string> {
  const r = await run(join(gr.toolDir, name), ["-V=full"], {
    env: goToolEnv(env, { GOROOT: gr.goroot }),
  });
  if (r.code !== 0) throw new Error(`${name} -V=full: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

/**
 * toolVersionsCached returns the -V=full lines of compile, asm and link, remembered in file
 * by each tool's size, mtime and inode (and GOEXPERIMENT, which the line reports), so a
 * no-op rebuild starts no process.
 */
export async function toolVersionsCached(
  gr: Goroot,
  env: Record<string, string | undefined>,
  file: string,
  onDamage: DamageListener = () => undefined,
): Promise<string[]> {
  let memo: Record<string, [string, string]> = {};
  const u = readSealed(file, TOOLVERSIONS_FORMAT, ["{"]);
  if ("damaged" in u) onDamage({ file, reason: u.damaged });
  else if ("body" in u) {
    try {
      const m: unknown = JSON.parse(u.body);
      if (m !== null && typeof m === "object") memo = m as Record<string, [string, string]>;
    } catch {
      onDamage({ file, reason: "malformed JSON" });
    }
  }
  const out = await Promise.all(
    ["compile", "asm", "link"].map(async (name) => {
      const path = join(gr.toolDir, name);
      const st = statSync(path, { bigint: true });
      const stamp = `${String(st.size)} ${String(st.mtimeNs)} ${String(st.ino)} ${env.GOEXPERIMENT ?? ""}`;
      const have = memo[path];
      if (Array.isArray(have) && have[0] === stamp && typeof have[1] === "string")
        return { v: have[1], fresh: false };
      const v = await toolVersion(gr, name, env);
      memo[path] = [stamp, v];
      return { v, fresh: true };
    }),
  );
  if (out.some((x) => x.fresh)) {
    try {
      writeAtomic(file, seal(TOOLVERSIONS_FORMAT, JSON.stringify(memo)));
    } catch {
      // only an optimization
    }
  }
  return out.map((x) => x.v);
}

const TOOLVERSIONS_FORMAT = "crossgo-toolversions-v2"; // sealed (src/cache/seal.ts); v1 was plain JSON

/** MIN_NATIVE_MINOR is the oldest Go release whose go build the native driver reproduces. */
export const MIN_NATIVE_MINOR = 23;

// oneLine is a loader's message on one line: an import stack or a hint joined by spaces.
function oneLine(s: string): string {
  return s
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ");
}

// loadErrors collects the loader's complaints about the packages of a build, file:line first.
function loadErrors(pkgs: readonly BuildPackage[]): string[] {
  const out: string[] = [];
  for (const p of pkgs) if (p.Error) out.push(packageErrorText(p.Error));
  return out;
}

/**
 * build loads, plans and executes a native build of opts.patterns for every target in one
 * action graph, and installs the executables under opts.outDir with SHA256SUMS and
 * manifest.json. Per-target failures are returned, not thrown.
 */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const gr = typeof opts.goroot === "string" ? readGoroot(opts.goroot) : opts.goroot;
  if (gr.minor < MIN_NATIVE_MINOR) {
    throw new UnsupportedError(
      `the native driver reproduces go build for Go 1.${String(MIN_NATIVE_MINOR)} and later, not ${gr.version}: use --backend go`,
    );
  }
  const env = opts.env ?? process.env;
  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  const flags: BuildFlags = {
    trimpath: opts.trimpath,
    ldflags: splitQuoted(opts.ldflags),
    ldflagsRaw: opts.ldflags,
    tags: opts.tags,
    cgoEnabled: false,
  };
  const failures: TargetFailure[] = [];
  const emit = (e: BuildEvent) => opts.onEvent?.(e);

  const cache = new Cache(opts.cacheDir ?? defaultCacheDir(env), {
    onDamage: (d) => emit({ type: "cache-damaged", ...d }),
  });
  const onDamage: DamageListener = (d) => {
    cache.damaged(d);
  };
  const lists = new ListCache(join(cache.dir, "list"), onDamage);
  const loaderKind: LoaderKind = opts.loader ?? "native";
  const native = new NativeLoader();
  const loadOne = (o: BuildLoadOptions) =>
    lists.load(o, loaderKind === "go" ? listPackages : native.load, loaderKind);

  // Load every target's packages, jobs loaders at once.
  const builds: TargetBuild[] = [];
  const queue = [...opts.targets];
  const loaded = new Map<Target, TargetBuild | undefined>();
  let fatal: NoMainModuleError | undefined; // an error no target can avoid: the build stops
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const l0 = performance.now();
        const target = t;
        try {
          const pkgs = await loadOne({
            goroot: gr,
            dir: opts.dir,
            patterns: opts.patterns,
            target,
            tags: opts.tags,
            cgoEnabled: false,
            env,
            ...(opts.signal ? { signal: opts.signal } : {}),
          });
          emit({ type: "loaded", target, packages: pkgs.length, ms: performance.now() - l0 });
          const errs = loadErrors(pkgs);
          const roots = pkgs.filter((p) => !p.DepOnly);
          const mains = roots.filter((p) => p.Name === "main");
          const cgo = pkgs.find(packageUsesCgo);
          if (errs.length > 0) throw new Error(errs.join("\n"));
          const pgo = mains.find((p) => existsSync(join(p.Dir, "default.pgo")));
          if (pgo)
            throw new UnsupportedError(
              `${pgo.ImportPath} has a default.pgo profile, which go build applies (-pgo=auto) and the native driver does not yet: use --backend go`,
            );
          if (cgo)
            throw new UnsupportedError(
              `package ${cgo.ImportPath} uses cgo, which the native driver does not build yet: use --backend go`,
            );
          if (mains.length === 0)
            throw new Error(`no main packages to build in ${opts.patterns.join(" ")}`);
          loaded.set(target, { target, packages: pkgs, mains });
        } catch (e) {
          if (e instanceof NoMainModuleError) {
            fatal ??= e;
            queue.length = 0;
            continue;
          }
          const msg = e instanceof Error ? e.message : String(e);
          failures.push({ target: target.id, message: oneLine(msg), detail: msg });
          emit({ type: "target-failed", target, message: msg });
          loaded.set(target, undefined);
        }
      }
    }),
  );
  if (fatal !== undefined) throw fatal;
  // --fail-fast: a target that failed to load stops the build before anything runs.
  const stopAtLoad = opts.failFast === true && failures.length > 0;
  for (const t of opts.targets) {
    const b = loaded.get(t);
    if (b && !stopAtLoad) builds.push(b);
  }
  const loadMs = performance.now() - t0;

  const graph = planBuild(builds);
  checkOutputPaths(opts.outDir, graph.links);
  const toolRuns: Record<string, number> = {};
  const toolVersions = await toolVersionsCached(
    gr,
    env,
    join(cache.dir, "toolversions.json"),
    onDamage,
  );
  removeStaleWorkDirs(tmpdir());
  const workDir = mkdtempSync(join(tmpdir(), `crossgo-work-${String(process.pid)}-`));
  const hasher = new FileHasher();
  const stampFile = join(cache.dir, "filehash.json");
  const damage = hasher.load(stampFile);
  if (damage) cache.damaged(damage);
  const spawner = new Spawner();
  const ctx: ExecContext = {
    goroot: gr,
    flags,
    cache,
    hasher,
    workDir,
    cwd: resolve(opts.dir),
    env,
    concurrency: Math.min(4, jobs),
    toolGC: toolGCEnv(env, jobs, totalmem()),
    toolEnvs: new Map(),
    toolIDs: new Map(),
    verified: new Set(),
    goIDs: {
      version: gr.version,
      goroot: gr.goroot,
      toolIDs: {
        compile: toolVersions[0] ?? "",
        asm: toolVersions[1] ?? "",
        link: toolVersions[2] ?? "",
      },
      flags,
      goexperiment: env.GOEXPERIMENT ?? "",
      extlinkEnabled: env.GO_EXTLINK_ENABLED ?? "",
      fileHash: (p) => hasher.hash(p),
      modinfo: (a) => buildInfoText(ctx, a),
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
    run: (cmd, args, o) => spawner.run(cmd, args, o),
  };
  for (const l of graph.links) l.installPath = join(opts.outDir, artifactPath(l.pkg, l.target));
  const e0 = performance.now();
  let res: Awaited<ReturnType<typeof execute>>;
  try {
    res = await execute(ctx, graph, {
      jobs,
      failFast: opts.failFast ?? false,
      onEvent: (e) => {
        if (e.type === "tool") toolRuns[e.tool] = (toolRuns[e.tool] ?? 0) + 1;
        emit(e);
      },
    });
  } finally {
    await spawner.close();
  }
  const execMs = performance.now() - e0;
  if (opts.debugActionGraph)
    writeFileSync(opts.debugActionGraph, JSON.stringify(graphJSON(graph), null, 1) + "\n");

  // Report failed targets once each, with the failing action's tool output.
  const failedTargets = new Set(failures.map((f) => f.target));
  for (const a of res.failed) {
    if (failedTargets.has(a.target.id)) continue;
    failedTargets.add(a.target.id);
    failures.push({
      target: a.target.id,
      message: a.error ?? "failed",
      detail: a.toolOutput ?? "",
    });
  }

  // Targets that neither failed nor finished were cancelled: the build stopped early.
  const unfinished = new Set(
    graph.links.filter((l) => l.status !== "done").map((l) => l.target.id),
  );
  const cancelled = opts.targets
    .filter((t) => !failedTargets.has(t.id) && (stopAtLoad || unfinished.has(t.id)))
    .map((t) => t.id);
  const artifacts: Artifact[] = [];
  let removed: string[] = [];
  if (!res.aborted) {
    for (const l of graph.links) {
      if (l.status !== "done" || !l.outputPath) continue;
      const rel = artifactPath(l.pkg, l.target);
      const { size, sha256 } =
        l.installed === true && l.outputID !== undefined
          ? { size: statSync(join(opts.outDir, rel)).size, sha256: l.outputID }
          : installArtifact(l.outputPath, join(opts.outDir, rel));
      if (l.installed !== true) hasher.remember(join(opts.outDir, rel), sha256);
      const art: Artifact = {
        target: l.target.id,
        goos: l.target.goos,
        goarch: l.target.goarch,
        package: l.pkg.ImportPath,
        path: rel,
        size,
        sha256,
        buildID: l.buildID ?? "",
        cached: l.cached === true,
      };
      if (l.target.variant !== undefined) art.variant = l.target.variant;
      artifacts.push(art);
    }
    hasher.save(stampFile);
    const totalMs = performance.now() - t0;
    removed = writeOutputs(
      opts.outDir,
      artifacts,
      {
        goVersion: gr.version,
        backend: "native",
        settings: {
          trimpath: opts.trimpath,
          ldflags: opts.ldflags,
          tags: opts.tags,
          cgoEnabled: false,
          buildvcs: false,
          loader: loaderKind,
        },
        artifacts: artifacts.map((a) => ({ ...a })),
        failures,
        cancelled,
        timings: {
          loadMs: Math.round(loadMs),
          execMs: Math.round(execMs),
          totalMs: Math.round(totalMs),
        },
        cache: { hits: res.cached, misses: res.ran },
      },
      [...failedTargets, ...cancelled],
    );
  }
  return {
    goroot: gr,
    artifacts,
    failures,
    graph,
    ran: res.ran,
    cached: res.cached,
    toolRuns,
    aborted: res.aborted,
    cancelled,
    removed,
    timings: { loadMs, execMs, totalMs: performance.now() - t0 },
  };
}
