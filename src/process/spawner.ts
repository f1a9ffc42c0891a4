import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { run, type RunOptions, type RunResult } from "./run.js";

/** SpawnRequest is a message to the helper: start a program, or (without cmd) stop one. */
export interface SpawnRequest {
  id: number;
  cmd?: string;
  args: string[];
  cwd?: string;
  envID: number; // the environment: sent once as env, then named by its ID
  env?: Record<string, string>;
  maxBuffer: number;
}

/** SpawnReply is the helper's answer: how the program ended, or why it did not start. */
export type SpawnReply =
  | {
      id: number;
      code: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderr: string;
    }
  | { id: number; error: string; errno: string };

interface Pending {
  resolve: (r: RunResult) => void;
  reject: (e: Error) => void;
}

/**
 * Spawner runs programs like {@link run}, but from a small helper process. Starting a program
 * forks the process that starts it, and fork copies that process's page tables: a build driver
 * holding a few hundred MiB of package data pays 3 to 12 ms of CPU per tool, and blocks its
 * event loop as long, against 1 ms from a fresh node. A cold build of 42 ports starts about
 * 3,000 tools. If the helper cannot be started, or dies, programs are started directly.
 */
export class Spawner {
  private helper: ChildProcess | undefined;
  private broken = false;
  private nextID = 1;
  private readonly pending = new Map<number, Pending>();
  // Environments by identity: a build passes the same few objects thousands of times.
  private readonly envIDs = new Map<object, number>();

  /** run is {@link run} through the helper; opts.input is not supported there. */
  run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const helper = opts.input === undefined ? this.start() : undefined;
    if (!helper) return run(cmd, args, opts);
    const id = this.nextID++;
    const envObject = opts.env ?? process.env;
    let envID = this.envIDs.get(envObject);
    let env: Record<string, string> | undefined;
    if (envID === undefined) {
      envID = this.envIDs.size + 1;
      this.envIDs.set(envObject, envID);
      env = {};
      for (const [k, v] of Object.entries(envObject)) if (v !== undefined) env[k] = v;
    }
    return new Promise<RunResult>((resolve, reject) => {
      const onAbort = () => helper.send({ id, args: [], envID: 0, maxBuffer: 0 });
      const settle = () => {
        opts.signal?.removeEventListener("abort", onAbort);
        this.pending.delete(id);
        if (this.pending.size === 0) this.idle();
      };
      this.pending.set(id, {
        resolve: (r) => {
          settle();
          resolve(r);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
      });
      this.busy();
      const req: SpawnRequest = {
        id,
        cmd,
        args: [...args],
        envID,
        ...(env ? { env } : {}),
        maxBuffer: opts.maxBuffer ?? 256 << 20,
        ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
      };
      helper.send(req);
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /**
   * close ends the helper (programs still running are killed) and waits for it to exit, so
   * that its CPU time is accounted to this process like that of any child.
   */
  async close(): Promise<void> {
    const h = this.helper;
    this.helper = undefined;
    if (!h) return;
    h.removeAllListeners("exit");
    h.removeAllListeners("error");
    h.on("error", () => {}); // an already dead helper: nothing left to do
    if (h.exitCode !== null || h.signalCode !== null) return;
    h.ref(); // keep this process alive until the helper has exited
    const exited = new Promise<void>((resolve) => {
      h.once("exit", () => {
        resolve();
      });
    });
    if (h.connected) h.disconnect();
    else h.kill("SIGKILL");
    await exited;
  }

  private start(): ChildProcess | undefined {
    if (this.helper || this.broken) return this.helper;
    // From TypeScript sources (tests, tsx) the helper is a .ts file and needs tsx's loader.
    const self = import.meta.url;
    const ts = self.endsWith(".ts");
    const entry = fileURLToPath(new URL(`./spawner-child.${ts ? "ts" : "js"}`, self));
    try {
      const h = fork(entry, [], {
        execArgv: ts ? ["--import", import.meta.resolve("tsx")] : [],
        stdio: ["ignore", "ignore", "inherit", "ipc"],
        serialization: "json",
      });
      h.on("message", (m: SpawnReply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        if ("error" in m) p.reject(Object.assign(new Error(m.error), { code: m.errno }));
        else p.resolve({ code: m.code, signal: m.signal, stdout: m.stdout, stderr: m.stderr });
      });
      const lost = (why: string) => {
        if (this.helper === h) this.helper = undefined;
        this.broken = true;
        for (const p of [...this.pending.values()])
          p.reject(new Error(`crossgo's process helper ${why}; run again`));
      };
      h.on("exit", (code, signal) => {
        lost(`exited (${signal ?? String(code)})`);
      });
      h.on("error", (e) => {
        lost(`failed: ${e.message}`);
      });
      this.helper = h;
      this.idle();
      return h;
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  // While nothing is pending the helper must not keep this process alive; while something is,
  // it must (a pending promise alone does not).
  private busy(): void {
    this.helper?.ref();
    this.helper?.channel?.ref();
  }

  private idle(): void {
    this.helper?.unref();
    this.helper?.channel?.unref();
  }
}
