import type { Command } from "@commander-js/extra-typings";
import { selectTargets } from "../../platform/index.js";
import { readGoroot } from "../../toolchain/goroot.js";
import { describeCToolchain, findCToolchain } from "../../work/ctoolchain.js";
import { platformContext, printJSON } from "../context.js";
import { FailError } from "../errors.js";

/** registerDoctor adds `crossgo doctor`: the C toolchain each target's cgo would use. */
export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description(
      "say, per target, which C toolchain cgo would use (and how it was chosen), or what to install",
    )
    .option("-t, --targets <sel>", "target selectors (default: the cgo-capable ports)", "cgo")
    .option("--goroot <dir>", "use the Go toolchain in DIR")
    .option("--json", "print a JSON array, one object per target")
    .addHelpText(
      "after",
      "\nThe order: CC_FOR_<goos>_<goarch> (and CXX_FOR_...), CC (and CXX), the host's default CC,\nDebian's cross gcc (<triple>-gcc), mingw-w64 for windows, clang --target with the Debian cross\nsysroot /usr/<triple>. Exit status 1 when a selected target has none.\n\nExamples:\n  crossgo doctor\n  crossgo doctor -t linux/arm64,linux/arm/v6,windows/amd64 --json",
    )
    .action(async (opts) => {
      const { ctx, toolchain } = await platformContext(opts);
      if (!toolchain)
        throw new FailError("crossgo doctor needs a Go toolchain: pass --goroot DIR or set GOROOT");
      const gr = readGoroot(toolchain.goroot);
      const targets = selectTargets(opts.targets.split(","), { platform: ctx });
      const rows: Record<string, unknown>[] = [];
      let missing = 0;
      for (const t of targets) {
        const c = findCToolchain(t, gr, process.env);
        if ("missing" in c) {
          missing++;
          rows.push({ Target: t.name, Missing: c.missing });
          if (opts.json !== true) process.stdout.write(`${t.name}: ${c.missing}\n`);
          continue;
        }
        const tc = c.toolchain;
        const facts = await describeCToolchain(tc, t, process.env);
        const row: Record<string, unknown> = {
          Target: t.name,
          CC: tc.cc.join(" "),
          CXX: tc.cxx.join(" "),
          Path: tc.path,
          Version: facts.version,
          How: tc.how,
        };
        if (tc.sysroot !== undefined) row.Sysroot = tc.sysroot;
        if (facts.glibc !== undefined) row.Glibc = facts.glibc;
        rows.push(row);
        if (opts.json !== true) {
          const libc = facts.glibc !== undefined ? `, glibc ${facts.glibc}` : "";
          const root = tc.sysroot !== undefined ? `, sysroot ${tc.sysroot}` : "";
          process.stdout.write(
            `${t.name}: ${tc.cc.join(" ")} (${facts.version}) at ${tc.path}${root}${libc}; chosen as ${tc.how}\n`,
          );
        }
      }
      if (opts.json === true) printJSON(rows);
      if (missing > 0) process.exitCode = 1;
    });
}
