import type { Command } from "@commander-js/extra-typings";
import {
  checkConfigTargets,
  ConfigError,
  configJSONSchema,
  loadConfig,
} from "../../config/config.js";
import { UsageError } from "../errors.js";
import { platformContext, printJSON } from "../context.js";
import { fromWorkingDir } from "../locations.js";

/** registerConfig adds `crossgo config`. */
export function registerConfig(program: Command): void {
  const c = program.command("config").description("crossgo.json, a module's build defaults");
  c.command("schema")
    .description('print crossgo.json\'s JSON Schema (for editors: "$schema")')
    .action(() => {
      printJSON(configJSONSchema());
    });
  c.command("check")
    .description(
      "read and check the crossgo.json beside go.mod (found from a directory like go.mod is), and print it",
    )
    .option("-C, --dir <dir>", "the directory (default: the current directory)")
    .action(async (opts) => {
      try {
        const r = await loadConfig(fromWorkingDir(opts.dir ?? "."));
        // Targets are checked against the port table of the Go toolchain found (or crossgo's).
        if (r.file !== undefined)
          checkConfigTargets(r.config, r.file, (await platformContext({})).ctx);
        printJSON({ File: r.file ?? null, Config: r.config });
      } catch (e) {
        if (e instanceof ConfigError) throw new UsageError(e.message);
        throw e;
      }
    });
}
