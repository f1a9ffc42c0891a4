import type { Command } from "@commander-js/extra-typings";
import { Cache, defaultCacheDir } from "../../cache/cache.js";
import { printJSON } from "../context.js";
import { UsageError } from "../errors.js";
import { checkDirLocation } from "../locations.js";

// open checks the cache's location first: a file, or a directory that cannot be created, is
// one line naming it and the system's reason.
function open(dir: string | undefined): Cache {
  const d = dir ?? defaultCacheDir();
  checkDirLocation(dir !== undefined ? "--cache" : "cache directory", d);
  return new Cache(d);
}

/** registerCache adds `crossgo cache stats|trim|clean`. */
export function registerCache(program: Command): void {
  const cmd = program
    .command("cache")
    .description(
      "inspect and prune crossgo's build cache ($CROSSGO_CACHE, default ~/.cache/crossgo)",
    );
  cmd
    .command("stats")
    .description("count the cache's entries and bytes")
    .option("--cache <dir>", "cache directory")
    .option("--json", "print JSON")
    .action((opts) => {
      const s = open(opts.cache).stats();
      if (opts.json === true) printJSON(s);
      else
        process.stdout.write(
          `${s.dir}: ${String(s.entries)} entries, ${String(s.outputs)} outputs, ${(s.bytes / 1048576).toFixed(1)} MiB\n`,
        );
    });
  cmd
    .command("trim")
    .description("remove entries not used for a while (and temporary files of killed builds)")
    .option("--cache <dir>", "cache directory")
    .option("--older-than <days>", "age in days", "5")
    .action((opts) => {
      const days = Number(opts.olderThan);
      if (!Number.isFinite(days) || days < 0)
        throw new UsageError(`--older-than ${opts.olderThan}: want a number of days`);
      const n = open(opts.cache).trim(days * 86400_000);
      process.stdout.write(`removed ${String(n)} files\n`);
    });
  cmd
    .command("clean")
    .description("remove everything in the cache")
    .option("--cache <dir>", "cache directory")
    .action((opts) => {
      const c = open(opts.cache);
      c.clean();
      process.stdout.write(`cleaned ${c.dir}\n`);
    });
}
