import type { Command } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { isAbsolute, relative, resolve } from "node:path";
import pc from "picocolors";
import {
  currentMinor,
  selectTargets,
  TargetError,
  withEnvironment,
  type PlatformContext,
} from "../../platform/index.js";
import { findToolchain } from "../../toolchain/discover.js";
import { checkToolchain, readGoModDirectives } from "../../toolchain/gomod.js";
import type { Action } from "../../work/action.js";
import {
  build,
  MIN_NATIVE_MINOR,
  type BuildEvent,
  type BuildOptions,
  type BuildResult,
} from "../../work/build.js";
import { buildWithGo } from "../../work/gobackend.js";
import { readGoroot } from "../../toolchain/goroot.js";
import { platformFromToolchain } from "../../toolchain/platform.js";
import { targetOf, type Target } from "../../work/target.js";
import { defaultCacheDir } from "../../cache/cache.js";
import { ConfigError, configTargets, loadConfig } from "../../config/config.js";
import { checkOutputDir, OutputError } from "../../work/output.js";
import { kindOf } from "../../errors.js";
import { FailError, UsageError } from "../errors.js";
import { interruptible, Interrupted } from "../interrupt.js";
import { checkDirLocation, checkFileLocation, fromWorkingDir, ioFailure } from "../locations.js";

/** REPRODUCIBLE_LDFLAGS are the linker flags --reproducible adds before the user's. */
export const REPRODUCIBLE_LDFLAGS = "-s -w -buildid=";

function actionJSON(a: Action): Record<string, unknown> {
  return { target: a.target.id, kind: a.kind, package: a.pkg.ImportPath };
}

// eventJSON is the stable --json form of a build event: one object per line.
function eventJSON(e: BuildEvent): Record<string, unknown> {
  switch (e.type) {
    case "start":
      return { event: "start", ...actionJSON(e.action) };
    case "tool":
      return { event: "tool", tool: e.tool, ...actionJSON(e.action) };
    case "done":
      return {
        event: "done",
        ...actionJSON(e.action),
        cached: e.action.cached === true,
        actionID: e.action.actionID,
        outputID: e.action.outputID,
        ms: Math.round(e.action.ms ?? 0),
      };
    case "failed":
      return { event: "failed", ...actionJSON(e.action), message: e.message, output: e.output };
    case "skipped":
      return { event: "skipped", ...actionJSON(e.action), because: e.because.pkg.ImportPath };
    case "target-failed":
      return { event: "target-failed", target: e.target.id, message: e.message };
    case "loaded":
      return { event: "loaded", target: e.target.id, packages: e.packages, ms: Math.round(e.ms) };
    case "cache-damaged":
      return { event: "cache-damaged", file: e.file, reason: e.reason };
  }
}

// damageLine is the one line that reports a damaged cache file.
function damageLine(file: string, reason: string): string {
  return `warning: damaged cache file ${file} (${reason}): removed, treated as a miss`;
}

type LogUpdate = typeof import("log-update").default;

/** Progress is the live per-target view on a terminal. */
class Progress {
  private rows = new Map<
    string,
    { total: number; done: number; cached: number; current: string; state: string }
  >();
  private timer: NodeJS.Timeout | undefined;
  private readonly logUpdate: LogUpdate;

  // log-update is passed in: importing it costs ~140 ms, which only a terminal view should pay.
  constructor(targets: readonly Target[], logUpdate: LogUpdate) {
    this.logUpdate = logUpdate;
    for (const t of targets)
      this.rows.set(t.id, { total: 0, done: 0, cached: 0, current: "loading", state: "" });
    this.timer = setInterval(() => {
      this.render();
    }, 100);
  }

  event(e: BuildEvent): void {
    if (e.type === "cache-damaged") return;
    const id = "action" in e ? e.action.target.id : e.target.id;
    const r = this.rows.get(id);
    if (!r) return;
    switch (e.type) {
      case "loaded":
        r.total = e.packages; // compile actions (approximately) plus one link
        r.current = "";
        break;
      case "start":
        r.current = `${e.action.kind} ${e.action.pkg.ImportPath}`;
        break;
      case "done":
        r.done++;
        if (e.action.cached) r.cached++;
        if (e.action.kind === "link") r.state = pc.green("ok");
        break;
      case "failed":
      case "target-failed":
        r.state = pc.red("FAILED");
        break;
      case "tool":
      case "skipped":
        break;
    }
  }

  render(): void {
    const lines: string[] = [];
    for (const [id, r] of this.rows) {
      const width = 20;
      const frac = r.total > 0 ? Math.min(1, r.done / r.total) : 0;
      const bar = "#".repeat(Math.round(frac * width)).padEnd(width, ".");
      lines.push(
        `${id.padEnd(22)} [${bar}] ${String(r.done).padStart(4)}/${String(r.total)} ${r.state || pc.dim(r.current)}`,
      );
    }
    this.logUpdate(lines.join("\n"));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.render();
    this.logUpdate.done();
  }
}

/**
 * resolveTargets evaluates --targets selectors under the toolchain's platform context. Ports
 * that need external linking or are broken are refused when named, and set aside with a note
 * when a keyword or glob chose them.
 */
function resolveTargets(
  selectors: string[],
  ctx: PlatformContext,
): { targets: Target[]; notes: string[] } {
  const resolved = selectTargets(selectors, { platform: ctx });
  if (resolved.length === 0)
    throw new UsageError(
      `selector "${selectors.join(",")}" matches no targets (crossgo targets lists the ports of ${ctx.version})`,
    );
  const notes: string[] = [];
  const targets: Target[] = [];
  for (const r of resolved) {
    if (r.port.Broken === true) {
      const msg = `${r.name} is a broken port of ${ctx.version}: its toolchain cannot build for it`;
      throw new UsageError(msg); // only a name or "broken" chooses one: "all" and globs never do
    }
    if (r.externalLinkReason !== undefined) {
      const msg = `${r.name} needs external linking (${r.externalLinkReason}: a C toolchain, CGO_ENABLED=1), which crossgo's native driver does not do`;
      if (r.explicit !== true) {
        notes.push(`skipping ${r.name}: ${msg.slice(r.name.length + 1)}`);
        continue;
      }
      throw new UsageError(
        `${msg}; build it with --backend go and CGO_ENABLED=1 (crossgo doctor shows the C toolchain it would use)`,
      );
    }
    targets.push(targetOf(r));
  }
  if (targets.length === 0)
    throw new UsageError(
      `--targets ${selectors.join(",")}: no target left to build${notes.length > 0 ? ` (${notes.map((n) => n.replace(/^skipping [^:]*: /, "")).join("; ")})` : ""}`,
    );
  return { targets, notes };
}

// buildCommand declares `crossgo build`'s arguments and options.
function buildCommand(program: Command) {
  return program
    .command("build")
    .description(
      "build Go main packages for a matrix of targets in one action graph (like go build, byte for byte)",
    )
    .argument("[packages...]", "main packages to build", ["."])
    .option(
      "-t, --targets <selectors>",
      "targets: linux/amd64,windows/arm64,linux/arm/v6, all, first-class, linux/* ... (default: the host)",
    )
    .option("-o, --output <dir>", "output directory", "dist")
    .option(
      "--reproducible",
      `= --trimpath -buildvcs=false --ldflags="${REPRODUCIBLE_LDFLAGS}" (your --ldflags are added after)`,
    )
    .option("--trimpath", "remove file system paths from the executables")
    .option("--ldflags <flags>", "flags for go tool link", "")
    .option("--tags <tags>", "comma-separated build tags", "")
    .option("-j, --jobs <n>", "tool processes at once (default: CPU cores)")
    .option("--json", "stream build events as JSON lines (for CI)")
    .addOption(
      new Option("--backend <backend>", "native: crossgo's driver; go: one go build per target")
        .choices(["native", "go"] as const)
        .default("native" as const),
    )
    .addOption(
      new Option(
        "--loader <loader>",
        "package source: native (crossgo's loader) or go (go list -json -deps)",
      )
        .choices(["native", "go"] as const)
        .default("native" as const),
    )
    .option("--fail-fast", "stop at the first failing target")
    .option("--goroot <dir>", "use the Go toolchain in DIR")
    .option("-C, --dir <dir>", "run as if started in DIR", ".")
    .option(
      "--cache <dir>",
      "crossgo's cache directory (default $CROSSGO_CACHE or ~/.cache/crossgo)",
    )
    .option("--debug-actiongraph <file>", "write the action graph as JSON to FILE")
    .addHelpText(
      "after",
      "\nExamples:\n  crossgo build --reproducible -t linux/amd64,linux/arm64,windows/amd64 ./cmd/app\n  crossgo build -t all -o dist --json .",
    );
}

/** registerBuild adds `crossgo build`. */
export function registerBuild(program: Command): void {
  const c = buildCommand(program);
  c.action(async (packages, opts) => {
    const json = opts.json === true;
    const out = new Output(json);
    try {
      await runBuild(packages, opts, c, out);
    } catch (e) {
      // With --json the stream always ends with a summary or a failed event.
      if (json && !out.ended && !(e instanceof Interrupted && e.quiet)) {
        const known = kindOf(e) !== undefined || e instanceof Interrupted;
        out.write({
          event: "failed",
          message: known
            ? (e as Error).message
            : `internal error: ${e instanceof Error ? e.message : String(e)}`,
        });
        out.flush();
      }
      throw e;
    }
  });
}

type BuildCommand = ReturnType<typeof buildCommand>;

/** Output writes --json lines in batches: one write per event costs more than a no-op build's bookkeeping. */
class Output {
  private pending = "";
  ended = false; // a summary was written
  constructor(readonly json: boolean) {}

  write(o: Record<string, unknown>): void {
    if (this.pending === "")
      setImmediate(() => {
        this.flush();
      });
    this.pending += JSON.stringify(o) + "\n";
    if (o.event === "summary") this.ended = true;
  }

  flush(): void {
    if (this.pending !== "") process.stdout.write(this.pending);
    this.pending = "";
  }
}

async function runBuild(
  packages: string[],
  flags: ReturnType<BuildCommand["opts"]>,
  cmd: BuildCommand,
  out: Output,
): Promise<void> {
  // -C is relative to the working directory as go names it (through symbolic links).
  const opts = { ...flags, dir: fromWorkingDir(flags.dir) };
  // crossgo.json beside go.mod gives defaults; flags on the command line win.
  const cfg = await loadConfig(opts.dir).catch((e: unknown) => {
    throw e instanceof ConfigError ? new UsageError(e.message) : e;
  });
  const given = (name: string) => {
    const src = cmd.getOptionValueSource(name);
    return src === "cli" || src === "env";
  };
  const c = cfg.config;
  // The config's relative paths are relative to its own directory (the module's root).
  const fromConfig = (p: string) => {
    const r = relative(resolve(opts.dir), resolve(cfg.dir, p));
    return r === "" ? "." : r.startsWith("..") || isAbsolute(r) ? r : `./${r}`;
  };
  const targetsFromConfig = !given("targets") && c.targets !== undefined;
  if (targetsFromConfig) opts.targets = configTargets(c).join(",");
  if (!given("output") && c.output !== undefined) opts.output = fromConfig(c.output);
  if (!given("reproducible") && c.reproducible === true) opts.reproducible = true;
  if (!given("trimpath") && c.trimpath === true) opts.trimpath = true;
  if (!given("ldflags") && c.ldflags !== undefined) opts.ldflags = c.ldflags;
  if (!given("tags") && c.tags !== undefined)
    opts.tags = Array.isArray(c.tags) ? c.tags.join(",") : c.tags;
  if (cmd.args.length === 0 && c.packages !== undefined)
    packages = c.packages.map((p) => (p.startsWith(".") ? fromConfig(p) : p));
  const tc = await findToolchain(opts.goroot !== undefined ? { goroot: opts.goroot } : {});
  const gr = readGoroot(tc.goroot, { version: tc.version });
  // go.mod's go line: a newer one than the toolchain is refused, as go does with
  // GOTOOLCHAIN=local (crossgo never downloads a toolchain).
  const modCheck = checkToolchain(tc, await readGoModDirectives(resolve(opts.dir)));
  const ctx = withEnvironment(await platformFromToolchain(tc), process.env);
  let resolved: { targets: Target[]; notes: string[] };
  try {
    resolved = resolveTargets([opts.targets ?? `${tc.hostOS}/${tc.hostArch}`], ctx);
  } catch (e) {
    // A target named by crossgo.json: say so.
    if (
      targetsFromConfig &&
      cfg.file !== undefined &&
      (e instanceof TargetError || e instanceof UsageError)
    )
      throw new UsageError(`${cfg.file}: targets: ${e.message}`);
    throw e;
  }
  const { targets, notes } = resolved;
  notes.push(...modCheck.notes);
  const jobs = opts.jobs !== undefined ? Number(opts.jobs) : undefined;
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1))
    throw new UsageError(`-j ${String(opts.jobs)}: want a positive integer`);
  let ldflags = opts.ldflags;
  if (opts.reproducible === true)
    ldflags = ldflags === "" ? REPRODUCIBLE_LDFLAGS : `${REPRODUCIBLE_LDFLAGS} ${ldflags}`;
  let backend: "native" | "go" = opts.backend;
  const minor = tc.goVersion.minor;
  if (backend === "native" && minor > currentMinor) {
    notes.push(
      `${tc.version} is newer than crossgo knows (go1.${String(currentMinor)}): building with --backend go`,
    );
    backend = "go";
  }
  if (backend === "native" && minor < MIN_NATIVE_MINOR) {
    notes.push(
      `the native driver reproduces go build for Go 1.${String(MIN_NATIVE_MINOR)} and later, not ${tc.version}: building with --backend go`,
    );
    backend = "go";
  }
  if (backend === "native" && process.env.CGO_ENABLED === "1") {
    throw new UsageError(
      "CGO_ENABLED=1: the native driver does not run cgo yet; use --backend go (it picks each target's C toolchain: see crossgo doctor)",
    );
  }
  const json = out.json;
  const write = (o: Record<string, unknown>) => {
    out.write(o);
  };
  for (const n of notes) {
    if (json) write({ event: "note", message: n });
    else process.stderr.write(pc.yellow(`crossgo: ${n}\n`));
  }
  // like go build -C: -o is relative to the new directory
  const outDir = resolve(opts.dir, opts.output);
  const cacheDir = opts.cache ?? defaultCacheDir();
  // Output locations are checked before anything is built.
  checkDirLocation("-o", outDir);
  try {
    checkOutputDir(outDir);
  } catch (e) {
    throw e instanceof OutputError ? new UsageError(e.message) : ioFailure(e);
  }
  checkDirLocation(opts.cache !== undefined ? "--cache" : "cache directory", cacheDir);
  if (opts.debugActiongraph !== undefined)
    checkFileLocation("--debug-actiongraph", opts.debugActiongraph);
  const progress =
    !json && process.stdout.isTTY && process.stdout.rows > 0
      ? new Progress(targets, (await import("log-update")).default)
      : undefined;
  const bo = (signal: AbortSignal): BuildOptions => ({
    goroot: gr,
    dir: opts.dir,
    patterns: packages,
    targets,
    outDir,
    trimpath: opts.reproducible === true || opts.trimpath === true,
    ldflags,
    tags: opts.tags
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
    failFast: opts.failFast === true,
    loader: opts.loader,
    signal,
    onEvent: (e) => {
      if (json) write(eventJSON(e));
      else if (e.type === "cache-damaged")
        process.stderr.write(pc.yellow(`crossgo: ${damageLine(e.file, e.reason)}\n`));
      progress?.event(e);
    },
    cacheDir,
    ...(jobs !== undefined ? { jobs } : {}),
    ...(opts.debugActiongraph !== undefined ? { debugActionGraph: opts.debugActiongraph } : {}),
  });
  let res: BuildResult;
  let stoppedBy;
  try {
    ({ value: res, stoppedBy } = await interruptible((signal) =>
      backend === "go" ? buildWithGo(bo(signal)) : build(bo(signal)),
    ));
  } catch (e) {
    if (e instanceof OutputError) throw new UsageError(e.message);
    throw ioFailure(e);
  } finally {
    progress?.stop();
  }
  out.flush();
  if (res.aborted || stoppedBy !== undefined)
    throw new Interrupted(stoppedBy ?? "SIGINT", `; nothing was written to ${opts.output}`);
  const failed = res.failures.map((f) => f.target);
  if (json) {
    for (const a of res.artifacts) write({ event: "artifact", ...a });
    write({
      event: "summary",
      backend,
      goVersion: res.goroot.version,
      artifacts: res.artifacts.length,
      failures: res.failures,
      cancelled: res.cancelled,
      removed: res.removed,
      ran: res.ran,
      cached: res.cached,
      toolRuns: res.toolRuns,
      ms: Math.round(res.timings.totalMs),
    });
  } else {
    for (const a of res.artifacts)
      process.stdout.write(
        `${a.sha256.slice(0, 12)}  ${opts.output}/${a.path}${a.cached ? pc.dim(" (cached)") : ""}\n`,
      );
    for (const f of res.failures) {
      process.stderr.write(pc.red(`# ${f.target}\n`));
      // A tool's failure is its output (file:line messages); any other failure (a cache on
      // a read-only file system) is its message.
      const detail = f.detail.trim() !== "" ? f.detail : f.message;
      process.stderr.write(detail.endsWith("\n") ? detail : detail + "\n");
    }
    for (const t of res.cancelled) process.stderr.write(pc.yellow(`# ${t}: cancelled\n`));
    for (const r of res.removed)
      process.stderr.write(
        pc.yellow(
          `removed ${opts.output}/${r}: left by an earlier build of a target that failed now\n`,
        ),
      );
    const cancelled = res.cancelled.length > 0 ? `, ${String(res.cancelled.length)} cancelled` : "";
    process.stdout.write(
      pc.dim(
        `${String(res.artifacts.length)} built, ${String(res.failures.length)} failed${cancelled}; ${String(res.ran)} actions ran, ${String(res.cached)} cached; ${(res.timings.totalMs / 1000).toFixed(1)}s\n`,
      ),
    );
  }
  out.flush();
  if (res.failures.length > 0 || res.cancelled.length > 0)
    throw new FailError(
      // One line that names each failed target and why (with --json the events say it too).
      `${String(failed.length)} target(s) failed: ${res.failures.map((f) => `${f.target} (${f.message.split("\n")[0] ?? ""})`).join(", ")}${res.cancelled.length > 0 ? `; cancelled: ${res.cancelled.join(", ")}` : ""}`,
    );
}
