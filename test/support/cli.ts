import { join } from "node:path";
import { run, type RunResult } from "../../src/process/run.js";

const root = join(import.meta.dirname, "..", "..");

/** crossgo runs the built CLI (bin/crossgo.js over dist/) as a user would. */
export function crossgo(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  return run(process.execPath, [join(root, "bin", "crossgo.js"), ...args], {
    cwd: opts.cwd ?? root,
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
  });
}

/** repoRoot is the checkout's top directory. */
export const repoRoot = root;
