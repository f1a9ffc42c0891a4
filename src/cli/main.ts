import { Command, CommanderError } from "@commander-js/extra-typings";
import pc from "picocolors";
import { kindOf } from "../errors.js";
import { installStopHandlers, Interrupted } from "./interrupt.js";
import { registerBuild } from "./commands/build.js";
import { registerCache } from "./commands/cache.js";
import { registerConfig } from "./commands/config.js";
import { registerEnv } from "./commands/env.js";
import { registerInspect } from "./commands/inspect.js";
import { registerResolve } from "./commands/resolve.js";
import { registerTargets } from "./commands/targets.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerToolchain } from "./commands/toolchain.js";
import { registerList } from "./commands/list.js";

/** VERSION is crossgo's own version, printed by --version. */
export const VERSION = "0.1.0";

/** program builds the crossgo command tree. Each command lives in ./commands/<name>.ts. */
export function program(): Command {
  const p = new Command("crossgo")
    .description("Go's cross-compilation system: every port Go supports, from one Linux machine")
    .version(VERSION)
    .showSuggestionAfterError(true)
    .configureOutput({
      outputError: (s, write) => {
        write(pc.red(s));
      },
    })
    .exitOverride();
  registerBuild(p);
  registerCache(p);
  registerConfig(p);
  registerEnv(p);
  registerInspect(p);
  registerTargets(p);
  registerDoctor(p);
  registerResolve(p);
  registerToolchain(p);
  registerList(p);
  return p;
}

/**
 * main runs the CLI with argv (without node and script) and returns the exit code:
 * 0 success, 1 failure, 2 usage error, 128 + N when stopped by signal N (130 Ctrl-C, 143
 * SIGTERM, 141 when the reader of the output closed the pipe; see interrupt.ts).
 */
export async function main(argv: string[]): Promise<number> {
  installStopHandlers();
  const p = program();
  try {
    await p.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed its message already; help and --version exit 0.
      if (e.exitCode === 0) return 0;
      return 2;
    }
    if (e instanceof Interrupted) {
      if (!e.quiet) process.stderr.write(`crossgo: ${e.message}\n`);
      return e.exitCode;
    }
    // The one place errors become exit codes: bad input 2, failures 1 (src/errors.ts).
    const kind = kindOf(e);
    if (kind !== undefined) {
      process.stderr.write(`crossgo: ${(e as Error).message}\n`);
      return kind === "usage" ? 2 : 1;
    }
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
    process.stderr.write(`crossgo: internal error: ${msg}\n`);
    return 1;
  }
}
