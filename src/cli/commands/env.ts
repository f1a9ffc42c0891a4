import type { Command } from "@commander-js/extra-typings";
import { findToolchain } from "../../toolchain/discover.js";
import { checkToolchain, readGoModDirectives } from "../../toolchain/gomod.js";
import { toolchainDefaults } from "../../toolchain/platform.js";
import { defaultCacheDir } from "../../cache/cache.js";
import { printJSON } from "../context.js";
import { fromWorkingDir } from "../locations.js";

/** registerEnv adds `crossgo env`. */
export function registerEnv(program: Command): void {
  program
    .command("env")
    .description(
      "show the Go toolchain crossgo found and what matters to cross builds (like go env)",
    )
    .option("--json", "print JSON")
    .option("--goroot <dir>", "use the Go toolchain in DIR")
    .option("-C, --dir <dir>", "the main module's directory (default: the current directory)")
    .action(async (opts) => {
      const t = await findToolchain(opts.goroot !== undefined ? { goroot: opts.goroot } : {});
      const mod = await readGoModDirectives(fromWorkingDir(opts.dir ?? "."));
      const check = checkToolchain(t, mod);
      const defaults = toolchainDefaults(t);
      const env: Record<string, string> = {
        GOVERSION: t.version,
        GOROOT: t.goroot,
        GOHOSTOS: t.hostOS,
        GOHOSTARCH: t.hostArch,
        GOTOOLDIR: t.toolDir,
        GOTOOLCHAIN: "local",
        CROSSGO_TOOLCHAIN_SOURCE: t.source,
        GOMOD: mod?.file ?? "",
        GOMOD_GO: mod?.go?.version ?? "",
        GOMOD_TOOLCHAIN: mod?.toolchain?.version ?? "",
        CROSSGO_CACHE: defaultCacheDir(),
      };
      for (const [k, v] of Object.entries(defaults)) env[`DEFAULT_${k}`] = v;
      if (opts.json === true) {
        printJSON({ ...env, Tools: t.tools, Notes: check.notes });
        return;
      }
      for (const [k, v] of Object.entries(env)) process.stdout.write(`${k}='${v}'\n`);
      process.stdout.write(`TOOLS='${Object.keys(t.tools).sort().join(" ")}'\n`);
      for (const n of check.notes) process.stderr.write(`note: ${n}\n`);
    });
}
