import { existsSync } from "node:fs";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { run, type RunResult } from "../../src/process/run.js";

/**
 * The Go releases the differential tests must compare against. scripts/install-system.sh
 * --tests installs them; a test that needs one fails (never skips) when it is missing.
 */
export const requiredMinors = [19, 22, 23, 26, 27] as const;

/** goroot is Debian's GOROOT of Go 1.minor. */
export function goroot(minor: number): string {
  return `/usr/lib/go-1.${minor}`;
}

/** installedMinors lists the Go 1.N trees installed under /usr/lib, oldest first. */
export function installedMinors(): number[] {
  return readdirSync("/usr/lib")
    .map((n) => /^go-1\.(\d+)$/.exec(n))
    .filter(
      (m): m is RegExpExecArray => m !== null && existsSync(join("/usr/lib", m[0], "bin", "go")),
    )
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** requireGo throws a clear message when Go 1.minor is not installed. */
export function requireGo(minor: number): string {
  const root = goroot(minor);
  if (!existsSync(join(root, "bin", "go"))) {
    throw new Error(
      `Go 1.${minor} is not installed at ${root}: run scripts/install-system.sh --tests`,
    );
  }
  return root;
}

/** goCmd runs Go 1.minor's go command with env added, never switching toolchains. */
export function goCmd(
  minor: number,
  args: string[],
  env: Record<string, string> = {},
  cwd = "/tmp",
): Promise<RunResult> {
  const root = requireGo(minor);
  return run(join(root, "bin", "go"), args, {
    cwd,
    env: { ...process.env, GOROOT: root, GOTOOLCHAIN: "local", GOFLAGS: "", GOENV: "off", ...env },
  });
}

/** pool runs f over items with at most n in flight, keeping order. */
export async function pool<T, R>(
  items: readonly T[],
  n: number,
  f: (x: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}
