// The spawner's helper process (see spawner.ts): it starts the programs the parent asks for
// and reports how they ended. It imports nothing but node:child_process, so it stays small,
// and small is the point: fork copies the page tables of the process that forks.
import { spawn, type ChildProcess } from "node:child_process";
import type { SpawnReply, SpawnRequest } from "./spawner.js";

const children = new Map<number, ChildProcess>();
const killers = new Map<number, NodeJS.Timeout>();
const envs = new Map<number, Record<string, string>>();

function reply(m: SpawnReply): void {
  process.send?.(m);
}

function start(r: SpawnRequest & { cmd: string }): void {
  if (r.env) envs.set(r.envID, r.env);
  const child = spawn(r.cmd, r.args, {
    cwd: r.cwd,
    env: envs.get(r.envID) ?? {},
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.set(r.id, child);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let outLen = 0;
  let errLen = 0;
  child.stdout.on("data", (b: Buffer) => {
    if (outLen < r.maxBuffer) out.push(b);
    outLen += b.length;
  });
  child.stderr.on("data", (b: Buffer) => {
    if (errLen < r.maxBuffer) err.push(b);
    errLen += b.length;
  });
  const done = () => {
    children.delete(r.id);
    const k = killers.get(r.id);
    if (k) clearTimeout(k);
    killers.delete(r.id);
  };
  child.on("error", (e: NodeJS.ErrnoException) => {
    done();
    reply({ id: r.id, error: e.message, errno: e.code ?? "" });
  });
  child.on("close", (code, signal) => {
    done();
    reply({
      id: r.id,
      code,
      signal,
      stdout: Buffer.concat(out).toString("utf8"),
      stderr: Buffer.concat(err).toString("utf8"),
    });
  });
}

// A stop asks the child to end (SIGTERM) and insists after 2 s (SIGKILL), as run.ts does.
function stop(id: number): void {
  const child = children.get(id);
  if (!child || killers.has(id)) return;
  child.kill("SIGTERM");
  killers.set(
    id,
    setTimeout(() => child.kill("SIGKILL"), 2000),
  );
}

process.on("message", (m: SpawnRequest) => {
  if (m.cmd === undefined) stop(m.id);
  else start({ ...m, cmd: m.cmd });
});

// The parent is gone (it exited, or was killed with SIGKILL): nothing will read the results,
// so end every child now rather than leave them writing into a build that no longer exists.
process.on("disconnect", () => {
  for (const c of children.values()) c.kill("SIGKILL");
  process.exit(0);
});

// Ctrl-C reaches the whole process group. The parent decides what an interrupt means (it
// stops its tools through us); the helper keeps reporting until then.
process.on("SIGINT", () => {});
