import type { Command } from "@commander-js/extra-typings";
import pc from "picocolors";
import {
  formatDistJSON,
  portName,
  selectTargets,
  type ResolvedTarget,
} from "../../platform/index.js";
import { platformContext, printJSON } from "../context.js";

/** longTarget is the JSON object of `crossgo targets --long --json`: dist's fields, then facts. */
export function longTarget(t: ResolvedTarget): Record<string, unknown> {
  return {
    GOOS: t.goos,
    GOARCH: t.goarch,
    CgoSupported: t.port.CgoSupported,
    FirstClass: t.port.FirstClass,
    ...(t.port.Broken === true ? { Broken: true } : {}),
    Target: t.name,
    Class: t.class,
    ObjectFormat: t.objectFormat,
    PtrSize: t.ptrSize,
    ByteOrder: t.byteOrder,
    ...(t.subarch
      ? {
          Subarch: {
            Variable: t.subarch.variable,
            Default: t.subarch.default,
            Choices: t.subarch.choices,
            Value: t.subarchValue,
          },
        }
      : {}),
    MustLinkExternal: t.mustLinkExternal,
    DefaultPIE: t.defaultPIE,
    ExternalLinkReason: t.externalLinkReason ?? null,
    Triple: t.triple ?? null,
    ZigTarget: t.zigTarget ?? null,
    Node: t.node ?? null,
  };
}

function table(rows: string[][]): string {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!)))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

/** registerTargets adds `crossgo targets`. */
export function registerTargets(program: Command): void {
  program
    .command("targets")
    .description("list Go's ports (like go tool dist list), filtered by selectors")
    .argument(
      "[selector...]",
      "all, first-class, secondary, cgo, broken, linux/*, */arm64, linux/arm/v6, !android/* ... (default: all)",
    )
    .option(
      "--json",
      "print JSON; without --long and selectors it equals `go tool dist list -json`",
    )
    .option(
      "--long",
      "add facts: object format, pointer size, byte order, sub-arch variable, external linking, triples, Node names",
    )
    .option("--goroot <dir>", "use the Go toolchain in DIR")
    .option(
      "--go <version>",
      "use crossgo's own table of a Go release (e.g. 1.23), without running Go",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  crossgo targets --json                 # = go tool dist list -json\n  crossgo targets --long first-class\n  crossgo targets 'all,!broken,!android/*' linux/arm/v6",
    )
    .action(async (selectors, opts) => {
      const { ctx } = await platformContext(opts);
      const list = selectTargets(selectors, { platform: ctx });
      if (opts.json === true) {
        if (opts.long === true) {
          printJSON(list.map(longTarget));
        } else {
          // Same bytes as dist: the Port objects, tab-indented.
          const seen = new Set<string>();
          const portsOnly = list
            .map((t) => t.port)
            .filter((p) => !seen.has(portName(p)) && seen.add(portName(p)));
          process.stdout.write(formatDistJSON(portsOnly));
        }
        return;
      }
      if (opts.long !== true) {
        for (const t of list) process.stdout.write(t.name + "\n");
        return;
      }
      const rows = [
        [
          "TARGET",
          "CLASS",
          "CGO",
          "FORMAT",
          "PTR",
          "ORDER",
          "SUBARCH",
          "EXTLINK",
          "TRIPLE",
          "ZIG",
          "NODE",
        ],
      ];
      for (const t of list) {
        rows.push([
          t.name,
          t.class,
          t.port.CgoSupported ? "yes" : "no",
          t.objectFormat,
          String(t.ptrSize * 8),
          t.byteOrder === "big" ? "BE" : "LE",
          t.subarch ? `${t.subarch.variable}=${t.subarchValue ?? t.subarch.default}` : "-",
          t.externalLinkReason !== undefined ? "required" : "-",
          t.triple ?? "-",
          t.zigTarget ?? "-",
          t.node ? `${t.node.platform}/${t.node.arch}` : "-",
        ]);
      }
      process.stdout.write(table(rows));
      process.stderr.write(
        pc.dim(
          `${list.length} targets of ${ctx.version} (${ctx.source === "crossgo" ? "crossgo's table" : "asked the toolchain"})\n`,
        ),
      );
    });
}
