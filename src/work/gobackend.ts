// The go backend (--backend go): every target built by the real go build, for what the
// native driver does not handle, with the same outputs.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { run } from "../process/run.js";
import type { BuildOptions, BuildResult, TargetFailure } from "./build.js";
import { listPackages, goToolEnv } from "../load/golist.js";
import { readGoroot } from "../toolchain/goroot.js";
import {
  artifactPath,
  checkOutputPaths,
  installArtifact,
  writeOutputs,
  type Artifact,
} from "./output.js";
import { targetEnv } from "./target.js";
import { findCToolchain } from "./ctoolchain.js";

/**
 * buildWithGo is `--backend go`: one `go build` per (target, main package) with the same
 * flags, output layout, SHA256SUMS and manifest as the native driver, for what the native
 * driver does not handle. Targets run one after another; go parallelizes inside each.
 */
export async function buildWithGo(opts: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const gr = typeof opts.goroot === "string" ? readGoroot(opts.goroot) : opts.goroot;
  const env = opts.env ?? process.env;
  const artifacts: Artifact[] = [];
  const failures: TargetFailure[] = [];
  const tmp = mkdtempSync(join(tmpdir(), "crossgo-gobuild-"));
  const cancelled: string[] = [];
  let ran = 0;
  try {
    for (const t of opts.targets) {
      if (opts.signal?.aborted) break;
      if (opts.failFast === true && failures.length > 0) {
        cancelled.push(t.id);
        continue;
      }
      const cgo = env.CGO_ENABLED ?? "0";
      const toolEnv = goToolEnv(env, { ...targetEnv(t), CGO_ENABLED: cgo, GOROOT: gr.goroot });
      let cc: string | undefined;
      if (cgo === "1") {
        // Each target's own C toolchain; without one the target fails saying what to install,
        // and the others go on.
        const c = findCToolchain(t.resolved, gr, env);
        if ("missing" in c) {
          failures.push({ target: t.id, message: c.missing, detail: c.missing });
          opts.onEvent?.({ type: "target-failed", target: t, message: c.missing });
          continue;
        }
        cc = c.toolchain.cc.join(" ");
        toolEnv.CC = cc;
        toolEnv.CXX = c.toolchain.cxx.join(" ");
      }
      let mains;
      try {
        mains = (
          await listPackages({
            goroot: gr,
            dir: opts.dir,
            patterns: opts.patterns,
            target: t,
            tags: opts.tags,
            cgoEnabled: cgo === "1",
            env,
          })
        ).filter((p) => !p.DepOnly && p.Name === "main");
      } catch (e) {
        failures.push({
          target: t.id,
          message: (e as Error).message.split("\n")[0] ?? "",
          detail: (e as Error).message,
        });
        continue;
      }
      checkOutputPaths(
        opts.outDir,
        mains.map((pkg) => ({ pkg, target: t })),
      );
      for (const m of mains) {
        const out = join(tmp, `${String(ran++)}.bin`);
        const args = ["build", "-buildvcs=false", "-o", out];
        if (opts.trimpath) args.push("-trimpath");
        if (opts.ldflags !== "") args.push("-ldflags=" + opts.ldflags);
        if (opts.tags.length > 0) args.push("-tags=" + opts.tags.join(","));
        if (opts.jobs !== undefined) args.push("-p", String(opts.jobs));
        args.push(m.ImportPath);
        const r = await run(join(gr.goroot, "bin", "go"), args, {
          cwd: resolve(opts.dir),
          env: toolEnv,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        if (r.code !== 0) {
          failures.push({
            target: t.id,
            message: `go build ${m.ImportPath} failed`,
            detail: r.stderr,
          });
          opts.onEvent?.({ type: "target-failed", target: t, message: r.stderr });
          if (opts.failFast) break;
          continue;
        }
        const rel = artifactPath(m, t);
        const { size, sha256 } = installArtifact(out, join(opts.outDir, rel));
        const a: Artifact = {
          target: t.id,
          goos: t.goos,
          goarch: t.goarch,
          package: m.ImportPath,
          path: rel,
          size,
          sha256,
          buildID: "",
          cached: false,
        };
        if (t.variant !== undefined) a.variant = t.variant;
        if (cc !== undefined) a.cc = cc;
        artifacts.push(a);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const totalMs = performance.now() - t0;
  const aborted = opts.signal?.aborted ?? false;
  let removed: string[] = [];
  if (!aborted) {
    removed = writeOutputs(
      opts.outDir,
      artifacts,
      {
        goVersion: gr.version,
        backend: "go",
        settings: {
          trimpath: opts.trimpath,
          ldflags: opts.ldflags,
          tags: opts.tags,
          cgoEnabled: (env.CGO_ENABLED ?? "0") === "1",
          buildvcs: false,
        },
        artifacts,
        failures,
        cancelled,
        timings: { totalMs: Math.round(totalMs) },
      },
      [...failures.map((f) => f.target), ...cancelled],
    );
  }
  return {
    goroot: gr,
    artifacts,
    failures,
    graph: { actions: [], links: [] },
    ran,
    cached: 0,
    toolRuns: { go: ran },
    aborted,
    cancelled,
    removed,
    timings: { loadMs: 0, execMs: totalMs, totalMs },
  };
}
