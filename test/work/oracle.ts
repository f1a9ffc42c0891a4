// The real go command as the oracle for the build driver's tests: environments, reference
// builds and hashes. Everything generated goes under the test cache directory.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { run } from "../../src/process/run.js";
import { build, type BuildResult } from "../../src/work/build.js";
import { readGoroot } from "../../src/toolchain/goroot.js";
import { resolveTarget } from "../../src/platform/resolve.js";
import type { Goroot } from "../../src/toolchain/goroot.js";
import { gorootPlatform } from "../../src/toolchain/platform.js";
import { targetEnv, targetOf, type Target } from "../../src/work/target.js";

/** workTarget is the driver's target for spec, resolved under the toolchain at gr. */
export function workTarget(spec: string, gr: Goroot): Target {
  return targetOf(resolveTarget(spec, { platform: gorootPlatform(gr) }));
}

/** testdata is test/work/testdata. */
export const testdata = resolve(import.meta.dirname, "testdata");

/** testCache is $CROSSGO_TEST_CACHE or <tmp>/crossgo-test-cache: generated binaries and caches. */
export const testCache = process.env.CROSSGO_TEST_CACHE ?? join(tmpdir(), "crossgo-test-cache");

/** goroots maps a Go minor version to its installed GOROOT, when present. */
export function goroot(minor: number): string | undefined {
  const dir = `/usr/lib/go-1.${String(minor)}`;
  return existsSync(join(dir, "bin", "go")) ? dir : undefined;
}

/** goEnv is the environment for both go and crossgo in these tests (local proxy, no network). */
export function goEnv(
  gorootDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const ver = readGoroot(gorootDir).version;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith("GO") && k !== "CGO_ENABLED") env[k] = v;
  return {
    ...env,
    GOTOOLCHAIN: "local",
    GOFLAGS: "",
    GOROOT: gorootDir,
    GOCACHE: join(testCache, `gocache-${ver}`),
    GOMODCACHE: join(testCache, "modcache"),
    GOPATH: join(testCache, "gopath"),
    GOPROXY: "file://" + join(testdata, "proxy"),
    GOSUMDB: "off",
    GONOSUMDB: "*",
    CGO_ENABLED: "0",
    ...extra,
  };
}

/** sha256File is the hex sha256 of a file. */
export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** REPRO_LDFLAGS are the flags of the reference builds. */
export const REPRO_LDFLAGS = "-s -w -buildid=";

/**
 * goBuild runs the real `go build -trimpath -buildvcs=false -ldflags=...` for target in dir
 * and returns the output's path (under the test cache).
 */
export async function goBuild(
  gorootDir: string,
  dir: string,
  spec: string,
  pkg = ".",
  flags: { reproducible?: boolean; env?: Record<string, string> } = { reproducible: true },
): Promise<string> {
  const gr = readGoroot(gorootDir);
  const t = workTarget(spec, gr);
  const out = join(
    testCache,
    flags.reproducible === false ? "ref-plain" : "ref",
    gr.version,
    dir.replaceAll("/", "_"),
    pkg.replaceAll("/", "_"),
    spec.replaceAll("/", "_"),
  );
  mkdirSync(join(out, ".."), { recursive: true });
  const args = ["build", "-buildvcs=false", "-o", out];
  if (flags.reproducible !== false) args.push("-trimpath", `-ldflags=${REPRO_LDFLAGS}`);
  args.push(pkg);
  const r = await run(join(gorootDir, "bin", "go"), args, {
    cwd: dir,
    env: goEnv(gorootDir, { ...flags.env, ...targetEnv(t) }),
  });
  if (r.code !== 0) throw new Error(`go build ${pkg} for ${spec} in ${dir}: ${r.stderr}`);
  return out;
}

const downloaded = new Set<string>();

/**
 * downloadModules fills the test module cache for dir's module with `go mod download`, as a
 * user must: crossgo never downloads (on a fresh machine the cache starts empty).
 */
async function downloadModules(
  gorootDir: string,
  dir: string,
  env: Record<string, string> = {},
): Promise<void> {
  const key = `${gorootDir} ${dir}`;
  if (downloaded.has(key) || existsSync(join(dir, "vendor"))) return;
  const r = await run(join(gorootDir, "bin", "go"), ["mod", "download"], {
    cwd: dir,
    env: goEnv(gorootDir, env),
  });
  if (r.code !== 0) throw new Error(`go mod download in ${dir}: ${r.stderr}`);
  downloaded.add(key);
}

/** crossgoBuild runs the native driver with --reproducible's settings (unless told otherwise). */
export async function crossgoBuild(
  gorootDir: string,
  dir: string,
  specs: string[],
  o: {
    pkg?: string;
    reproducible?: boolean;
    outDir?: string;
    jobs?: number;
    env?: Record<string, string>; // added to goEnv's (a module proxy, a module cache)
  } = {},
): Promise<BuildResult> {
  const gr = readGoroot(gorootDir);
  const repro = o.reproducible !== false;
  await downloadModules(gorootDir, dir, o.env);
  return build({
    goroot: gorootDir,
    dir,
    patterns: [o.pkg ?? "."],
    targets: specs.map((s) => workTarget(s, gr)),
    outDir:
      o.outDir ??
      join(testCache, "dist", gr.version, dir.replaceAll("/", "_"), repro ? "repro" : "plain"),
    trimpath: repro,
    ldflags: repro ? REPRO_LDFLAGS : "",
    tags: [],
    cacheDir: join(testCache, "crossgo-cache"),
    env: goEnv(gorootDir, o.env),
    ...(o.jobs !== undefined ? { jobs: o.jobs } : {}),
  });
}
