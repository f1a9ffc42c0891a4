import { readdir, realpath } from "node:fs/promises";
import { dirname, join } from "node:path";
import { run } from "../process/run.js";
import type { ErrorKind } from "../errors.js";
import { hostPlatform, readGoroot } from "./goroot.js";
import {
  formatGoVersion,
  parseGoVersion,
  compareGoVersions,
  type GoVersion,
} from "../platform/version.js";
import { isExecutable, lookPath } from "../process/lookpath.js";

/** ToolchainSource says how a toolchain was found. */
export type ToolchainSource = "flag" | "GOROOT" | "PATH" | "debian";

/** Toolchain is an installed Go distribution. */
export interface Toolchain {
  goroot: string;
  version: string; // "go1.27.4"
  goVersion: GoVersion;
  hostOS: string; // the GOOS its tools run on
  hostArch: string;
  toolDir: string; // GOROOT/pkg/tool/<hostos>_<hostarch>
  goBin: string; // GOROOT/bin/go
  tools: Record<string, string>; // name -> path for every binary in toolDir (compile, asm, link, pack, cgo, buildid, ...)
  source: ToolchainSource;
}

/** ToolchainError says no usable Go was found, or a given one is not a Go tree. */
export class ToolchainError extends Error {
  override name = "ToolchainError";
  /** kind is usage for a toolchain the user named (--goroot, $GOROOT), failure when none was found. */
  constructor(
    message: string,
    readonly kind: ErrorKind = "failure",
  ) {
    super(message);
  }
}

/** debianRoot is where Debian's golang-1.N-go packages install. */
export const debianRoot = "/usr/lib";

// readVersion is the toolchain's version from its files (readGoroot), else from
// `go env GOVERSION` (a tree without VERSION, such as a development build).
async function readVersion(goroot: string): Promise<string | undefined> {
  try {
    return readGoroot(goroot).version;
  } catch {
    // Fall back to asking the go command.
  }
  const r = await run(join(goroot, "bin", "go"), ["env", "GOVERSION"], {
    env: { ...process.env, GOROOT: goroot, GOTOOLCHAIN: "local" },
  }).catch(() => undefined);
  const v = r?.stdout.trim();
  return v && parseGoVersion(v) ? v : undefined;
}

export { hostPlatform };

/**
 * inspectGoroot reads a Go tree: version, tool directory and tools. It throws ToolchainError
 * when dir is not a Go installation.
 */
export async function inspectGoroot(dir: string, source: ToolchainSource): Promise<Toolchain> {
  const kind: ErrorKind = source === "flag" || source === "GOROOT" ? "usage" : "failure";
  const goroot = await realpath(dir).catch(() => {
    throw new ToolchainError(`${dir}: no such directory`, kind);
  });
  const goBin = join(goroot, "bin", "go");
  if (!isExecutable(goBin)) {
    throw new ToolchainError(`${dir} is not a Go installation: ${goBin} is missing`, kind);
  }
  const version = await readVersion(goroot);
  if (version === undefined)
    throw new ToolchainError(
      `${dir}: cannot tell the Go version (no VERSION file, and 'go env GOVERSION' failed)`,
      kind,
    );
  const host = hostPlatform();
  const toolDir = join(goroot, "pkg", "tool", `${host.goos}_${host.goarch}`);
  const tools: Record<string, string> = {};
  for (const name of await readdir(toolDir).catch(() => [] as string[])) {
    tools[name.replace(/\.exe$/, "")] = join(toolDir, name);
  }
  if (tools.compile === undefined || tools.link === undefined) {
    throw new ToolchainError(
      `${dir}: ${toolDir} has no compile and link tools for this host`,
      kind,
    );
  }
  return {
    goroot,
    version,
    goVersion: parseGoVersion(version)!,
    hostOS: host.goos,
    hostArch: host.goarch,
    toolDir,
    goBin,
    tools,
    source,
  };
}

/**
 * debianToolchains lists the Go trees Debian installed (/usr/lib/go-1.N), newest first.
 */
export async function debianToolchains(root = debianRoot): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const found: { dir: string; v: GoVersion }[] = [];
  for (const n of names) {
    const m = /^go-(1\.\d+)$/.exec(n);
    if (!m) continue;
    const dir = join(root, n);
    if (!isExecutable(join(dir, "bin", "go"))) continue;
    found.push({ dir, v: parseGoVersion(m[1]!)! });
  }
  found.sort((a, b) => compareGoVersions(b.v, a.v));
  return found.map((f) => f.dir);
}

/** FindOptions are the inputs of {@link findToolchain}. */
export interface FindOptions {
  goroot?: string; // --goroot
  env?: NodeJS.ProcessEnv; // default process.env
  debianRoot?: string;
}

/**
 * findToolchain finds Go: --goroot, then $GOROOT, then `go` on PATH, then Debian's
 * /usr/lib/go-1.N (newest first).
 */
export async function findToolchain(opts: FindOptions = {}): Promise<Toolchain> {
  const env = opts.env ?? process.env;
  if (opts.goroot !== undefined && opts.goroot !== "") return inspectGoroot(opts.goroot, "flag");
  if (env.GOROOT) {
    return inspectGoroot(env.GOROOT, "GOROOT").catch((e: unknown) => {
      throw new ToolchainError(
        `$GOROOT=${env.GOROOT}: ${e instanceof Error ? e.message : String(e)}`,
        "usage",
      );
    });
  }
  const onPath = lookPath("go", env.PATH);
  if (onPath !== undefined) {
    // GOROOT is the parent of bin/ once symlinks (/usr/bin/go -> ../lib/go-1.27/bin/go) are resolved.
    const real = await realpath(onPath);
    return inspectGoroot(dirname(dirname(real)), "PATH");
  }
  const deb = await debianToolchains(opts.debianRoot);
  if (deb[0] !== undefined) return inspectGoroot(deb[0], "debian");
  throw new ToolchainError(
    "no Go toolchain found: tried --goroot, $GOROOT, go on PATH and /usr/lib/go-1.*; install one (apt-get install golang-1.27-go/trixie-backports) or pass --goroot DIR",
  );
}

/** describeVersion is "go1.27.4 at /usr/lib/go-1.27 (from PATH)". */
export function describeToolchain(t: Toolchain): string {
  return `${formatGoVersion(t.goVersion)} at ${t.goroot} (from ${t.source === "flag" ? "--goroot" : t.source === "GOROOT" ? "$GOROOT" : t.source === "PATH" ? "PATH" : "Debian's /usr/lib/go-1.*"})`;
}
