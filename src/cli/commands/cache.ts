import type { Command } from "@commander-js/extra-typings";
import { Cache, defaultCacheDir, TEMP_MAX_AGE_MS } from "../../cache/cache.js";
import { MARKER } from "../../cache/marker.js";
import { TEMP_MARK } from "../../cache/seal.js";
import { printJSON } from "../context.js";
import { UsageError } from "../errors.js";
import { checkDirLocation } from "../locations.js";

// open checks the cache's location first: a file, or a directory that cannot be created, is
// one line naming it and the system's reason.
function open(dir: string | undefined): Cache {
  const d = dir ?? defaultCacheDir();
  checkDirLocation(dir !== undefined ? "--cache" : "cache directory", d);
  return new Cache(d, { existing: true });
}

// owned opens a cache that clean or trim may delete from: one crossgo marked as its own.
// It returns undefined when there is nothing to delete (no directory, or an empty one).
function owned(dir: string | undefined): Cache | undefined {
  const c = open(dir);
  switch (c.state) {
    case "marked":
      return c;
    case "absent":
    case "empty":
      return undefined;
    case "unmarked-cache":
      throw new UsageError(
        `${c.dir} has no ${MARKER} written by crossgo (a cache from before crossgo marked its caches?): refusing to delete anything; a build with --cache ${c.dir} marks it, or remove the directory yourself`,
      );
    case "foreign":
      throw new UsageError(
        `${c.dir} is not a crossgo cache (it holds other files and no ${MARKER} written by crossgo): refusing to delete anything; check --cache and $CROSSGO_CACHE`,
      );
  }
}

const units: Record<string, number> = { d: 86400_000, h: 3600_000, m: 60_000, s: 1000 };

/**
 * parseAge reads --older-than: a number of days, or a number with a unit d, h, m or s
 * (36h, 90m). Anything else, the empty string included, is a usage error: never 0.
 */
export function parseAge(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([dhms]?)$/.exec(text.trim());
  if (!m || text.trim() !== text)
    throw new UsageError(
      `--older-than ${JSON.stringify(text)}: want an age such as 5 (days), 36h, 90m or 0 (everything)`,
    );
  return Number(m[1]) * (units[m[2] || "d"] ?? 0);
}

const ownership = `
A crossgo cache holds a ${MARKER} file that says crossgo wrote it. A build writes it into the
cache directory when it creates the directory, finds it empty, or finds only a crossgo cache's
files there (a cache from before the marker). clean and trim refuse, with exit status 2, a
directory without it: crossgo never deletes what it did not create.`;

/** registerCache adds `crossgo cache stats|trim|clean`. */
export function registerCache(program: Command): void {
  const cmd = program
    .command("cache")
    .description(
      "inspect and prune crossgo's build cache ($CROSSGO_CACHE, default ~/.cache/crossgo)",
    )
    .addHelpText("after", ownership);
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
    .option("--older-than <age>", "age in days, or with a unit: 36h, 90m", "5")
    .addHelpText(
      "after",
      `
Temporary files (*${TEMP_MARK}*) older than ${String(TEMP_MAX_AGE_MS / 3600_000)} hour are removed whatever --older-than
says (a younger one may belong to a build still running); a write that fails, on a full
disk for one, removes its own.
${ownership}`,
    )
    .action((opts) => {
      const age = parseAge(opts.olderThan);
      const c = owned(opts.cache);
      const n = c ? c.trim(age) : 0;
      process.stdout.write(`removed ${String(n)} files\n`);
    });
  cmd
    .command("clean")
    .description("remove everything crossgo put in the cache")
    .option("--cache <dir>", "cache directory")
    .addHelpText("after", ownership)
    .action((opts) => {
      const c = owned(opts.cache);
      c?.clean();
      process.stdout.write(
        c ? `cleaned ${c.dir}\n` : `nothing to clean in ${opts.cache ?? defaultCacheDir()}\n`,
      );
    });
}
