// Listing packages for many targets: the text `crossgo list` prints per target, produced in
// this thread or spread over worker threads (each with its own source cache), and handed
// back in target order.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { TargetLike } from "./context.js";
import { SourceCache } from "./fs.js";
import { loadSync } from "./loader.js";
import { openModules, type ModuleState } from "./modules.js";
import { packageJSON, type Package } from "./package.js";
import { defaultIndexDir } from "./srcindex.js";
import { readToolchainInfo } from "./toolchain.js";
import type { ErrorKind } from "../errors.js";

/** ListingOptions are the inputs of a listing, the same for every target. */
export interface ListingOptions {
  patterns: string[];
  goroot: string;
  dir: string;
  env: Record<string, string | undefined>;
  tags: string[];
  cgo?: boolean;
  deps: boolean;
  e: boolean; // -e: print packages with errors instead of failing
  json: boolean;
  multi: boolean; // tag objects with their target (GOOS, GOARCH, Variant)
  index: boolean; // use the persistent GOROOT/src index
}

/** ListTarget is a target with its display name. */
export type ListTarget = TargetLike & { name: string };

/** TargetListing is what one target produced. */
export interface TargetListing {
  text: string; // stdout
  stderr: string; // warnings and, without -e, package errors
  failed: boolean; // a package had an error and -e was not given
}

/** ListingError is a failure of the listing itself (bad go.mod, unusable GOROOT). */
export class ListingError extends Error {
  override name = "ListingError";
  readonly kind: ErrorKind = "failure";
}

interface State {
  cache: SourceCache;
  modules: ModuleState;
}

function openState(o: ListingOptions): State {
  const cache = new SourceCache();
  if (o.index) {
    const v = readToolchainInfo(cache, o.goroot).version;
    cache.attachIndex(`${o.goroot}/src`, `${o.goroot}/src ${v}`, defaultIndexDir(o.env));
  }
  return { cache, modules: openModules(cache, { dir: o.dir, goroot: o.goroot, env: o.env }) };
}

function errorText(p: Package): string {
  const e = p.Error!;
  return `${e.Pos !== "" ? `${e.Pos}: ` : ""}${e.Err}`;
}

/** listTarget loads and renders one target with a prepared state. */
function listTarget(t: ListTarget, o: ListingOptions, st: State): TargetListing {
  const res = loadSync(o.patterns, {
    target: t,
    goroot: o.goroot,
    dir: o.dir,
    tags: o.tags,
    env: o.env,
    cache: st.cache,
    modules: st.modules,
    deps: o.deps,
    ...(o.cgo !== undefined ? { cgo: o.cgo } : {}),
  });
  let stderr = res.errors.map((w) => `go: ${w}\n`).join("");
  let failed = false;
  const extra: Record<string, string> = o.multi ? { GOOS: t.goos, GOARCH: t.goarch } : {};
  if (o.multi && t.variant !== undefined) extra.Variant = t.variant;
  const out: string[] = [];
  for (const p of res.packages) {
    if (p.Error && !o.e) {
      stderr += `${errorText(p)}\n`;
      failed = true;
      continue;
    }
    if (o.json) out.push(JSON.stringify(packageJSON(p, extra), null, "\t") + "\n");
    else out.push((o.multi ? `${t.name} ` : "") + p.ImportPath + "\n");
  }
  return { text: out.join(""), stderr, failed };
}

/** defaultJobs is how many threads a listing of n targets uses: one for few targets. */
export function defaultJobs(n: number): number {
  return n < 8 ? 1 : Math.max(1, Math.min(availableParallelism(), 4, n));
}

/**
 * listTargets yields each target's listing in target order. With jobs > 1 the targets are
 * dealt round-robin to worker threads; each worker reads (or indexes) the sources itself.
 */
export async function* listTargets(
  targets: ListTarget[],
  o: ListingOptions,
  jobs = 1,
): AsyncGenerator<TargetListing> {
  if (jobs <= 1 || targets.length <= 1) {
    const st = openState(o);
    for (const t of targets) yield listTarget(t, o, st);
    st.cache.saveIndexes();
    return;
  }
  const n = Math.min(jobs, targets.length);
  const results = new Map<number, TargetListing>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const workers: Worker[] = [];
  for (let w = 0; w < n; w++) {
    const mine = targets.map((t, i) => ({ i, t })).filter((x) => x.i % n === w);
    const workerData = { targets: mine, o, save: w === 0 };
    const execArgv = workerExecArgv();
    // Compiled, the entry is listing-worker.js. Run from TypeScript sources (tsx: tests,
    // benches), the worker registers tsx itself, since loader hooks are per thread.
    const worker = import.meta.url.endsWith(".ts")
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => m.register()).then(() => import(${JSON.stringify(new URL("./listing-worker.ts", import.meta.url).href)}))`,
          { eval: true, workerData, execArgv },
        )
      : new Worker(new URL("./listing-worker.js", import.meta.url), { workerData, execArgv });
    worker.on("message", (m: { i: number; listing: TargetListing } | { error: string }) => {
      if ("error" in m) failure ??= new ListingError(m.error);
      else results.set(m.i, m.listing);
      wake?.();
    });
    worker.on("error", (e) => {
      failure ??= e;
      wake?.();
    });
    workers.push(worker);
  }
  try {
    for (let i = 0; i < targets.length; i++) {
      while (!results.has(i)) {
        if (failure) throw failure;
        await new Promise<void>((r) => (wake = r));
      }
      const l = results.get(i)!;
      results.delete(i);
      yield l;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * workerExecArgv is this process's node flags without those that describe the main script
 * (-e/--eval, -p/--print, --input-type), which a worker thread rejects.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-e" || a === "--eval" || a === "-p" || a === "--print") i++;
    else if (!a.startsWith("--input-type") && !a.startsWith("--eval=") && !a.startsWith("--print="))
      out.push(a);
  }
  return out;
}

/** runListingWorker is the body of a listing worker thread (see listing-worker.ts). */
export function runListingWorker(
  data: { targets: { i: number; t: ListTarget }[]; o: ListingOptions; save: boolean },
  post: (m: unknown) => void,
): void {
  try {
    const st = openState(data.o);
    for (const { i, t } of data.targets) post({ i, listing: listTarget(t, data.o, st) });
    if (data.save) st.cache.saveIndexes();
  } catch (e) {
    post({ error: e instanceof Error ? e.message : String(e) });
  }
}
