// Runs the crossgo CLI from source in a child process (as a user would run it), for tests.
import { fileURLToPath } from "node:url";
import { run } from "../../src/process/run.js";
import type { RunResult } from "../../src/process/run.js";

const entry = fileURLToPath(new URL("./entry.ts", import.meta.url));
const repo = fileURLToPath(new URL("../..", import.meta.url));

/** crossgo runs `crossgo args...` and returns its exit code and output. */
export function crossgo(args: string[], cwd?: string): Promise<RunResult> {
  return run(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: cwd ?? repo,
    env: { ...process.env, NODE_OPTIONS: "" },
  });
}
