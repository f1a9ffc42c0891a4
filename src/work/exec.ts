// Execution: runs the action graph's ready actions, jobs at a time, longest path first
// (cmd/go's work/exec.go Builder.Do).

import { rmSync } from "node:fs";
import type { Action, ActionGraph } from "./action.js";
import { ActionIDWriter } from "./actionid.js";
import {
  compileActionID,
  linkActionID,
  performCompile,
  performLink,
  ToolError,
  type ExecContext,
} from "./perform.js";

// installedHash is the sha256 of an installed executable, or "" if absent. It goes through
// the build's FileHasher, which remembers hashes by size, mtime and inode across builds.
function installedHash(ctx: ExecContext, path: string): string {
  try {
    return ctx.hasher.hash(path);
  } catch {
    return "";
  }
}

/**
 * isIOError reports whether e is a failed system call (it carries an errno code such as
 * EROFS or ENOSPC), not a tool's failure.
 */
export function isIOError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === "string";
}

/** ExecEvent is what the executor reports as the graph runs. */
export type ExecEvent =
  | { type: "start"; action: Action }
  | { type: "tool"; action: Action; tool: string }
  | { type: "done"; action: Action }
  | { type: "failed"; action: Action; message: string; output: string }
  | { type: "skipped"; action: Action; because: Action };

/** ExecOptions control one run of the executor. */
export interface ExecOptions {
  jobs: number; // tool processes at once
  failFast: boolean; // stop starting new work after the first failure
  onEvent?: (e: ExecEvent) => void;
  debugIDs?: Map<number, string>; // when set, receives each action's ID description
}

/** ExecResult counts what happened. */
export interface ExecResult {
  failed: Action[];
  ran: number; // actions that ran tools
  cached: number; // actions satisfied from the cache
  aborted: boolean;
}

/**
 * execute runs every action of g with at most jobs tool processes at once. Ready actions
 * are taken highest priority (longest remaining path) first; an action whose ID is in the
 * cache completes without running a tool. A failure marks everything depending on it
 * skipped and lets the rest go on (unless failFast, or it is an I/O error). Aborting ctx.signal kills the running
 * tools; the work directory is removed in every case.
 */
export async function execute(
  ctx: ExecContext,
  g: ActionGraph,
  o: ExecOptions,
): Promise<ExecResult> {
  const res: ExecResult = { failed: [], ran: 0, cached: 0, aborted: false };
  const waiting = new Map<Action, number>();
  const ready: Action[] = [];
  for (const a of g.actions) {
    waiting.set(a, a.deps.length);
    if (a.deps.length === 0) ready.push(a);
  }
  let running = 0;
  let stop = false;
  const emit = (e: ExecEvent) => o.onEvent?.(e);
  const innerCtx: ExecContext = {
    ...ctx,
    onToolStart: (a, tool) => emit({ type: "tool", action: a, tool }),
    // A cache hit whose output turned out damaged when a dependent read it is compiled again:
    // it is counted and reported as run, not cached.
    onRebuild: (a, phase) => {
      if (phase === "start") {
        emit({ type: "start", action: a });
        return;
      }
      res.cached--;
      res.ran++;
      emit({ type: "done", action: a });
    },
  };

  const skip = (a: Action, because: Action) => {
    if (a.status !== "pending") return;
    a.status = "skipped";
    emit({ type: "skipped", action: a, because });
    for (const d of a.dependents) skip(d, because);
  };

  const finish = (a: Action) => {
    for (const d of a.dependents) {
      const n = (waiting.get(d) ?? 0) - 1;
      waiting.set(d, n);
      if (n === 0 && d.status === "pending") ready.push(d);
    }
  };

  // identify computes a's action ID and consults the cache; it returns true on a hit.
  const identify = (a: Action): boolean => {
    const w = new ActionIDWriter();
    const id = a.kind === "compile" ? compileActionID(ctx, a, w) : linkActionID(ctx, a, w);
    o.debugIDs?.set(a.index, w.text());
    a.actionID = id;
    const e = ctx.cache.get(id);
    if (!e) return false;
    // An executable is about to be installed: check its bytes now, and rebuild it if damaged,
    // unless the destination already holds exactly these bytes (a no-op rebuild).
    if (
      a.kind === "link" &&
      a.installPath !== undefined &&
      installedHash(ctx, a.installPath) === e.outputID
    ) {
      a.installed = true;
    } else if (a.kind === "link") {
      if (!ctx.cache.intact(e)) return false;
      ctx.verified.add(e.outputID);
    }
    ctx.cache.touch(e);
    a.outputID = e.outputID;
    a.outputPath = e.path;
    a.buildID = e.meta.buildid ?? "";
    a.toolOutput = e.meta.output ?? "";
    a.cached = true;
    return true;
  };

  await new Promise<void>((resolve) => {
    const pump = () => {
      if (ctx.signal?.aborted) stop = true;
      while (!stop && ready.length > 0) {
        ready.sort((x, y) => x.priority - y.priority || y.index - x.index);
        const a = ready[ready.length - 1];
        if (!a) break;
        // Cache hits need no slot; a miss waits for one.
        if (a.actionID === undefined) {
          const t0 = performance.now();
          let hit: boolean;
          try {
            hit = identify(a);
          } catch (e) {
            ready.pop();
            fail(a, e);
            continue;
          }
          if (hit) {
            ready.pop();
            a.status = "done";
            a.ms = performance.now() - t0;
            res.cached++;
            emit({ type: "done", action: a });
            finish(a);
            continue;
          }
        }
        if (running >= o.jobs) break;
        ready.pop();
        running++;
        a.status = "running";
        emit({ type: "start", action: a });
        const t0 = performance.now();
        // The compiler's -c: one function at a time while other actions keep every job slot
        // busy; when this compile would leave slots idle, it gets them (up to ctx.concurrency).
        const idle = ready.length === 0 ? o.jobs - running + 1 : 1;
        const job =
          a.kind === "compile"
            ? performCompile(
                innerCtx,
                a,
                a.actionID ?? "",
                Math.max(1, Math.min(ctx.concurrency, idle)),
              )
            : performLink(innerCtx, a, a.actionID ?? "");
        job.then(
          () => {
            running--;
            a.status = "done";
            a.cached = false;
            a.ms = performance.now() - t0;
            res.ran++;
            emit({ type: "done", action: a });
            finish(a);
            pump();
          },
          (e: unknown) => {
            running--;
            a.ms = performance.now() - t0;
            fail(a, e);
            pump();
          },
        );
      }
      if (running === 0 && (stop || ready.length === 0)) resolve();
    };
    const fail = (a: Action, e: unknown) => {
      a.status = "failed";
      const msg = e instanceof Error ? e.message : String(e);
      const output = e instanceof ToolError ? e.output : "";
      a.error = msg;
      a.toolOutput = output;
      res.failed.push(a);
      emit({ type: "failed", action: a, message: msg, output });
      for (const d of a.dependents) skip(d, a);
      // An I/O error (a cache on a full or read-only file system) would fail every action
      // after it: start nothing more.
      if (o.failFast || isIOError(e)) stop = true;
    };
    ctx.signal?.addEventListener(
      "abort",
      () => {
        pump();
      },
      { once: true },
    );
    pump();
  });
  res.aborted = ctx.signal?.aborted ?? false;
  rmSync(ctx.workDir, { recursive: true, force: true });
  return res;
}
