import { spawn } from "node:child_process";

/** RunOptions are the knobs of {@link run}. */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv; // the whole environment of the child (default: this process's)
  input?: string | Uint8Array; // written to the child's stdin, then closed
  signal?: AbortSignal; // aborting kills the child (SIGTERM, then SIGKILL after 2 s)
  maxBuffer?: number; // bytes kept per stream; default 256 MiB
}

/** RunResult is what a finished child left behind. */
export interface RunResult {
  code: number | null; // exit code, null when killed by a signal
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * run starts cmd with an argument array (never a shell), collects its output and resolves
 * when it exits. It rejects only when the program cannot be started (ENOENT, EACCES).
 */
export function run(
  cmd: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const max = opts.maxBuffer ?? 256 << 20;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    child.stdout?.on("data", (b: Buffer) => {
      if (outLen < max) out.push(b);
      outLen += b.length;
    });
    child.stderr?.on("data", (b: Buffer) => {
      if (errLen < max) err.push(b);
      errLen += b.length;
    });
    let killer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill("SIGTERM");
      killer = setTimeout(() => child.kill("SIGKILL"), 2000);
    };
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    if (opts.input !== undefined && child.stdin) {
      child.stdin.on("error", () => {}); // the child may exit without reading it all
      child.stdin.end(opts.input);
    }
    child.on("error", (e) => {
      opts.signal?.removeEventListener("abort", onAbort);
      reject(e);
    });
    child.on("close", (code, signal) => {
      opts.signal?.removeEventListener("abort", onAbort);
      if (killer) clearTimeout(killer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}
