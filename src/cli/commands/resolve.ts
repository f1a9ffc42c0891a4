import type { Command } from "@commander-js/extra-typings";
import { resolveTarget } from "../../platform/index.js";
import { platformContext, printJSON } from "../context.js";

/** registerResolve adds `crossgo resolve`. */
export function registerResolve(program: Command): void {
  program
    .command("resolve")
    .description(
      "resolve exactly one target into the environment, tags and defines the Go tools need",
    )
    .argument("<target>", "goos/goarch[/variant], e.g. linux/arm/v6, linux/amd64/v3, js/wasm")
    .option("--json", "print JSON (with an env object of strings)")
    .option("--goroot <dir>", "use the Go toolchain in DIR")
    .option("--go <version>", "use crossgo's own rules of a Go release (e.g. 1.23)")
    .action(async (target, opts) => {
      const { ctx } = await platformContext(opts);
      const t = resolveTarget(target, { platform: ctx });
      const out = {
        Target: t.name,
        GOOS: t.goos,
        GOARCH: t.goarch,
        GoVersion: ctx.version,
        env: t.env,
        Subarch: t.subarch
          ? {
              Variable: t.subarch.variable,
              Value: t.subarchValue ?? t.subarch.default,
              Default: t.subarch.default,
            }
          : null,
        ToolTags: t.toolTags,
        AsmDefines: t.asmDefines.flatMap((d) => ["-D", d]),
        CgoSupported: t.cgoSupported,
        CgoDefault: t.cgoDefault,
        MustLinkExternal: t.mustLinkExternal,
        DefaultPIE: t.defaultPIE,
        ExternalLinkReason: t.externalLinkReason ?? null,
        ObjectFormat: t.objectFormat,
        PtrSize: t.ptrSize,
        ByteOrder: t.byteOrder,
        Class: t.class,
        Triple: t.triple ?? null,
        ZigTarget: t.zigTarget ?? null,
        Node: t.node ?? null,
      };
      if (opts.json === true) {
        printJSON(out);
        return;
      }
      const lines = [
        `target     ${t.name} (${t.class}, ${ctx.version})`,
        `env        ${Object.entries(t.env)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ")}`,
        `subarch    ${out.Subarch ? `${out.Subarch.Variable}=${out.Subarch.Value}${t.variant === undefined ? " (default)" : ""}` : "-"}`,
        `tool tags  ${t.toolTags.join(",") || "-"}`,
        `asm        ${out.AsmDefines.join(" ")}`,
        `cgo        ${t.cgoSupported ? `supported; CGO_ENABLED defaults to ${t.cgoDefault ? "1" : "0 (cross-compiling)"}` : "not supported"}`,
        `link       ${t.externalLinkReason !== undefined ? `external linking required (${t.externalLinkReason}): needs cgo and a C toolchain for the target` : "internal"}${t.defaultPIE ? ", PIE by default" : ""}`,
        `format     ${t.objectFormat}, ${t.ptrSize * 8}-bit, ${t.byteOrder}-endian`,
        `triple     ${t.triple ?? "-"}`,
        `zig        ${t.zigTarget ?? "-"}`,
        `node       ${t.node ? `${t.node.platform}/${t.node.arch}` : "-"}`,
      ];
      process.stdout.write(lines.join("\n") + "\n");
    });
}
