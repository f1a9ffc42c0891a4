// Planning: the action graph of a build (compile, asm, pack and link per package and target),
// as cmd/go's work/action.go builds it.

import type { BuildPackage } from "../load/package.js";
import type { Target } from "./target.js";
import type { ErrorKind } from "../errors.js";
import { linkerDeps, portRules } from "../platform/rules.js";

/**
 * ActionKind is what an action does. "compile" builds one package's archive (asm
 * -gensymabis, compile, asm per .s file, pack: one cache entry, as cmd/go's "build" action);
 * "link" links a main package and its dependencies into an executable.
 */
export type ActionKind = "compile" | "link";

/** ActionStatus is where an action is in its life. */
export type ActionStatus = "pending" | "running" | "done" | "failed" | "skipped";

/**
 * Action is one node of the build graph: one kind of work on one package for one target.
 * Results (IDs, output) are filled in by the executor.
 */
export interface Action {
  index: number; // position in ActionGraph.actions, also names the work directory b<index>
  kind: ActionKind;
  target: Target;
  pkg: BuildPackage;
  packages: ReadonlyMap<string, BuildPackage>; // every package of this target's build, by import path
  deps: Action[]; // compile: the compile actions of its imports; link: of the main package and all its deps
  dependents: Action[];
  cost: number; // estimated seconds of work
  priority: number; // cost of the longest chain from here to the end of the graph
  status: ActionStatus;
  actionID?: string; // 64 hex digits
  goActionID?: string; // cmd/go's action ID for the same work (src/work/goids.ts), 64 hex digits
  outputID?: string; // sha256 of the output, 64 hex digits
  outputPath?: string; // the output's bytes in the cache
  buildID?: string; // the Go build ID written into the output
  cached?: boolean; // the output came from the cache: no tool ran
  installPath?: string; // link: where the executable goes (set by the caller before execution)
  installed?: boolean; // link: installPath already holds exactly the output
  toolOutput?: string; // what the tools printed (warnings, errors)
  error?: string;
  ms?: number; // wall time spent on it
}

/** TargetBuild is the loaded package graph of one target and the main packages to link. */
export interface TargetBuild {
  target: Target;
  packages: BuildPackage[]; // every package of the build (go list -deps order)
  mains: BuildPackage[]; // the main packages to link, in command-line order
}

/** ActionGraph is the planned work for a whole matrix. */
export interface ActionGraph {
  actions: Action[];
  links: Action[]; // one per (target, main package), in request order
}

/** PlanError is a package graph the planner cannot turn into actions. */
export class PlanError extends Error {
  override name = "PlanError";
  readonly kind: ErrorKind = "failure";
}

// Rough seconds per unit of work, for longest-path-first ordering only.
const compileBase = 0.05;
const compilePerFile = 0.02;
const linkCost = 0.8;

/** hasArchive reports whether import path p is compiled into an archive ("unsafe" and "C" are not). */
export function hasArchive(path: string): boolean {
  return path !== "unsafe" && path !== "C";
}

/**
 * internalImports is p.Internal.Imports' order: the imports, then the implicit linker deps of
 * a main package (platform's linkerDeps; the driver links internally, without cgo).
 */
export function internalImports(p: BuildPackage, t: Target): string[] {
  const out = [...p.Imports];
  const ld =
    p.Name === "main" ? linkerDeps(portRules(t.minor), t.goos, t.goarch, false) : undefined;
  if (ld !== undefined && "error" in ld)
    throw new PlanError(`${p.ImportPath} (${t.id}): ${ld.error}`);
  for (const d of ld?.deps ?? []) if (!out.includes(d)) out.push(d);
  return out.filter((x) => x !== "C");
}

/** linkOrder is addTransitiveLinkDeps: the main package, then its dependencies breadth-first. */
export function linkOrder(main: Action): Action[] {
  const out: Action[] = [main];
  const seen = new Set([main.pkg.ImportPath]);
  for (let i = 0; i < out.length; i++) {
    const cur = out[i];
    if (!cur) break;
    for (const path of internalImports(cur.pkg, cur.target)) {
      if (!hasArchive(path) || seen.has(path)) continue;
      const d = cur.deps.find((x) => x.pkg.ImportPath === path);
      if (!d) continue;
      seen.add(path);
      out.push(d);
    }
  }
  return out;
}

/**
 * planBuild turns the loaded packages of every target into one action graph: a compile
 * action per (target, package) and a link action per (target, main package). Actions are
 * memoized by (kind, target, import path), and priorities are the longest remaining path, so
 * the executor can start the long chains (runtime, then the links) first.
 */
export function planBuild(builds: readonly TargetBuild[]): ActionGraph {
  const actions: Action[] = [];
  const links: Action[] = [];
  const memo = new Map<string, Action>();
  for (const b of builds) {
    const byPath = new Map(b.packages.map((p) => [p.ImportPath, p]));
    const compile = (path: string, stack: string[]): Action => {
      const key = `compile ${b.target.id} ${path}`;
      const have = memo.get(key);
      if (have) return have;
      const p = byPath.get(path);
      if (!p) throw new PlanError(`${b.target.id}: package ${path} is imported but was not loaded`);
      if (stack.includes(path))
        throw new PlanError(`import cycle: ${[...stack, path].join(" -> ")}`);
      const deps = internalImports(p, b.target)
        .filter(hasArchive)
        .map((i) => compile(i, [...stack, path]));
      const a = newAction(
        actions,
        "compile",
        b.target,
        p,
        byPath,
        deps,
        compileBase + compilePerFile * (p.GoFiles.length + 2 * p.SFiles.length),
      );
      memo.set(key, a);
      return a;
    };
    for (const m of b.mains) {
      const main = compile(m.ImportPath, []);
      const deps = linkOrder(main);
      links.push(newAction(actions, "link", b.target, m, byPath, deps, linkCost));
    }
  }
  // Priorities: actions were created dependencies-first, so walk them backwards.
  for (let i = actions.length - 1; i >= 0; i--) {
    const a = actions[i];
    if (!a) continue;
    a.priority = a.cost + Math.max(0, ...a.dependents.map((d) => d.priority));
  }
  return { actions, links };
}

function newAction(
  actions: Action[],
  kind: ActionKind,
  target: Target,
  pkg: BuildPackage,
  packages: ReadonlyMap<string, BuildPackage>,
  deps: Action[],
  cost: number,
): Action {
  const a: Action = {
    index: actions.length,
    kind,
    target,
    pkg,
    packages,
    deps,
    dependents: [],
    cost,
    priority: 0,
    status: "pending",
  };
  for (const d of deps) d.dependents.push(a);
  actions.push(a);
  return a;
}

/** graphJSON is the --debug-actiongraph form of a graph: one object per action, deps by index. */
export function graphJSON(g: ActionGraph): unknown[] {
  return g.actions.map((a) => ({
    ID: a.index,
    Mode: a.kind,
    Target: a.target.id,
    Package: a.pkg.ImportPath,
    Deps: a.deps.map((d) => d.index),
    Priority: Number(a.priority.toFixed(3)),
    Status: a.status,
    ActionID: a.actionID,
    GoActionID: a.goActionID,
    OutputID: a.outputID,
    BuildID: a.buildID,
    Cached: a.cached,
    TimeMs: a.ms,
  }));
}
