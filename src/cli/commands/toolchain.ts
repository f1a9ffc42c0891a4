import type { Command } from "@commander-js/extra-typings";
import { parseGoVersion } from "../../platform/version.js";
import { checkBootstrap } from "../../toolchain/bootstrap.js";
import { inspectGoroot } from "../../toolchain/discover.js";
import { UsageError } from "../errors.js";
import { printJSON } from "../context.js";

/** registerToolchain adds `crossgo toolchain ...`. */
export function registerToolchain(program: Command): void {
  const tc = program.command("toolchain").description("questions about Go toolchains");
  tc.command("bootstrap-check")
    .description(
      "say whether a Go tree can bootstrap (build from source) a given Go release, and why not",
    )
    .requiredOption(
      "--goroot-bootstrap <dir>",
      "the candidate bootstrap Go (what GOROOT_BOOTSTRAP would be)",
    )
    .requiredOption("--for <version>", "the Go release to build, e.g. 1.27")
    .option("--json", "print JSON")
    .action(async (opts) => {
      const target = parseGoVersion(opts.for);
      if (!target)
        throw new UsageError(`--for ${opts.for}: want a Go version such as 1.27 or go1.27.4`);
      const have = await inspectGoroot(opts.gorootBootstrap, "flag").then(
        (t) => t.version,
        () => undefined,
      );
      const v = checkBootstrap(have, target, opts.gorootBootstrap);
      if (opts.json === true) printJSON(v);
      else
        process.stdout.write(
          `${v.ok ? "ok" : "no"}: ${v.reason}${v.extrapolated ? " (requirement extrapolated from the policy)" : ""}\n`,
        );
      if (!v.ok) process.exitCode = 1;
    });
}
