// What benchmarks time is the CLI users run: compiled JavaScript, without tsx's start-up and
// transform costs.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { run } from "../src/process/run.js";

/**
 * compileCLI compiles the repository at repo with tsc into node_modules/.cache/<name>/dist
 * (inside the repository, so the CLI resolves its packages; node_modules is ignored by git)
 * and returns the path of its cli/main.js.
 */
export async function compileCLI(repo: string, name: string): Promise<string> {
  const out = join(repo, "node_modules", ".cache", name, "dist");
  const tsc = await run(
    process.execPath,
    [
      join(repo, "node_modules", "typescript", "bin", "tsc"),
      "-p",
      join(repo, "tsconfig.build.json"),
      "--outDir",
      out,
    ],
    { cwd: repo },
  );
  const mainJs = join(out, "cli", "main.js");
  if (!existsSync(mainJs))
    throw new Error(`tsc produced no ${mainJs}: ${tsc.stdout.slice(0, 1000)}`);
  return mainJs;
}
