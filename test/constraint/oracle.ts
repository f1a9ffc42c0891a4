// The Go side of the differential test: builds ./oracle (go/build/constraint behind a JSON
// lines protocol) once per content hash with the installed Go, and runs a whole batch of
// requests through one process.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Expr } from "../../src/constraint/index.js";
import { run } from "../../src/process/run.js";

/** GO is the toolchain the oracle is built with: $CROSSGO_TEST_GO or Go 1.27, the primary target. */
export const GO = process.env.CROSSGO_TEST_GO ?? "/usr/lib/go-1.27/bin/go";

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), "oracle");

/**
 * OracleRequest is one line to parse (or, when expr is set, an expression tree to use as it
 * is) and the tags that are true when evaluating it.
 */
export interface OracleRequest {
  line: string;
  expr?: Expr;
  true: string[];
}

/** OracleAnswer is everything go/build/constraint says about one request. */
export interface OracleAnswer {
  isGo: boolean;
  isPlus: boolean;
  err: string | null; // Parse's error text
  syntax: boolean; // the error is a *SyntaxError
  offset: number; // its byte offset
  string: string; // Expr.String()
  eval: boolean;
  calls: string[] | null; // tags Eval asked about, in order
  plus: string[] | null; // PlusBuildLines
  plusErr: string | null;
  goVersion: string;
}

/** goEnv is the environment for running the real go: offline, local toolchain, host target. */
export function goEnv(): NodeJS.ProcessEnv {
  const drop = new Set(["GOOS", "GOARCH", "GOROOT", "GOPATH", "GOEXPERIMENT"]);
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !drop.has(k))),
    GOTOOLCHAIN: "local",
    GOFLAGS: "",
    GOPROXY: "off",
    GOSUMDB: "off",
    GOWORK: "off",
    CGO_ENABLED: "0",
  };
  if (!env.GOCACHE && !env.HOME && !env.XDG_CACHE_HOME) env.GOCACHE = join(cacheDir(), "gocache");
  return env;
}

/** cacheDir is where generated test binaries go: $CROSSGO_TEST_CACHE or a dir under tmpdir. */
export function cacheDir(): string {
  return process.env.CROSSGO_TEST_CACHE ?? join(tmpdir(), "crossgo-test-cache");
}

/**
 * buildOracle builds the helper with the go command at `go` (or reuses a build of the same
 * sources by the same Go) and returns its path.
 */
export async function buildOracle(go = GO): Promise<string> {
  const version = await run(go, ["version"], { env: goEnv(), cwd: tmpdir() });
  if (version.code !== 0) throw new Error(`${go} version: ${version.stderr}`);
  const h = createHash("sha256").update(version.stdout);
  for (const f of ["go.mod", "main.go"]) h.update(f).update(readFileSync(join(SOURCE, f)));
  const dir = join(cacheDir(), "constraint-oracle", h.digest("hex").slice(0, 16));
  const exe = join(dir, "oracle");
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  const tmp = `${exe}.${process.pid}.tmp`;
  const r = await run(go, ["build", "-trimpath", "-o", tmp, "."], { cwd: SOURCE, env: goEnv() });
  if (r.code !== 0) throw new Error(`building the constraint oracle: ${r.stderr}`);
  renameSync(tmp, exe);
  return exe;
}

/** askOracle answers every request with one run of the helper. */
export async function askOracle(
  exe: string,
  reqs: readonly OracleRequest[],
): Promise<OracleAnswer[]> {
  const input = reqs.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const r = await run(exe, [], { input, env: goEnv() });
  if (r.code !== 0) throw new Error(`constraint oracle exited ${r.code}: ${r.stderr}`);
  const lines = r.stdout.split("\n");
  if (lines.pop() !== "" || lines.length !== reqs.length) {
    throw new Error(`constraint oracle answered ${lines.length} of ${reqs.length} requests`);
  }
  return lines.map((l) => JSON.parse(l) as OracleAnswer);
}
