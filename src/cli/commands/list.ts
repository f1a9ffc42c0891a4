import type { Command } from "@commander-js/extra-typings";
import { selectTargets, type ResolvedTarget } from "../../platform/index.js";
import { defaultJobs, ListingError, listTargets, type ListingOptions } from "../../load/listing.js";
import { ModFileError } from "../../load/modfile.js";
import { ModuleError } from "../../load/modules.js";
import { GorootError } from "../../toolchain/goroot.js";
import { platformContext } from "../context.js";
import { FailError, UsageError } from "../errors.js";
import { workingDir } from "../locations.js";

/** ListFlags are the go-style flags of `crossgo list`. */
interface ListFlags {
  e: boolean;
  json: boolean;
  deps: boolean;
  tags: string[];
  targets: string[];
  goroot?: string;
  cgo?: boolean;
  jobs?: number;
  patterns: string[];
}

// Flags take one or two dashes, like go's: -json and --json are the same.
function parseListArgs(args: readonly string[]): ListFlags {
  const f: ListFlags = { e: false, json: false, deps: false, tags: [], targets: [], patterns: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("-") || a === "-") {
      f.patterns.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a
      .replace(/^--?/, "")
      .slice(0, eq < 0 ? undefined : eq - (a.startsWith("--") ? 2 : 1));
    const value = (): string => {
      if (eq >= 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`flag needs an argument: -${name}`);
      return v;
    };
    switch (name) {
      case "e":
        f.e = true;
        break;
      case "json":
        f.json = true;
        break;
      case "deps":
        f.deps = true;
        break;
      case "tags":
        f.tags.push(
          ...value()
            .split(/[,\s]+/)
            .filter((t) => t !== ""),
        );
        break;
      case "target":
      case "t":
        f.targets.push(
          ...value()
            .split(",")
            .filter((t) => t !== ""),
        );
        break;
      case "goroot":
        f.goroot = value();
        break;
      case "jobs":
      case "j": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`-jobs wants a positive integer`);
        f.jobs = n;
        break;
      }
      case "cgo": {
        const v = eq >= 0 ? a.slice(eq + 1) : "1";
        f.cgo = v === "1" || v === "true";
        break;
      }
      default:
        throw new UsageError(
          `unknown flag ${a} (crossgo list takes -e, -json, -deps, -tags, --target, --goroot, --cgo=0|1, --jobs N)`,
        );
    }
  }
  return f;
}

/** registerList adds `crossgo list`. */
export function registerList(program: Command): void {
  program
    .command("list")
    .description(
      "list packages like `go list` for one or more targets: -e -json -deps -tags T --target SELECTOR... [PATTERNS]",
    )
    .usage(
      "[-e] [-json] [-deps] [-tags t1,t2] [--target goos/goarch[/variant]|selector]... [--goroot DIR] [--cgo=0|1] [--jobs N] [packages]",
    )
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .argument("[args...]", "flags and package patterns (std, cmd, all, ./..., import paths)")
    .action(async (args: string[]) => {
      const f = parseListArgs(args);
      const flags: { goroot?: string } = {};
      if (f.goroot !== undefined) flags.goroot = f.goroot;
      const { ctx, toolchain } = await platformContext(flags);
      if (!toolchain)
        throw new FailError("crossgo list needs a Go toolchain: pass --goroot DIR or set GOROOT");
      const host = `${toolchain.hostOS}/${toolchain.hostArch}`;
      const targets: ResolvedTarget[] = selectTargets(f.targets.length > 0 ? f.targets : [host], {
        platform: ctx,
      });
      const multi = targets.length > 1;
      const env = { ...process.env };
      const o: ListingOptions = {
        patterns: f.patterns,
        goroot: toolchain.goroot,
        dir: workingDir(),
        env,
        tags: f.tags,
        deps: f.deps,
        e: f.e,
        json: f.json,
        multi,
        // GOROOT/src does not change within a release: its parsed headers are kept in an
        // index (CROSSGO_LOAD_INDEX=off reads every file instead).
        index: env.CROSSGO_LOAD_INDEX !== "off",
      };
      if (f.cgo !== undefined) o.cgo = f.cgo;
      let failed = false;
      try {
        for await (const l of listTargets(targets, o, f.jobs ?? defaultJobs(targets.length))) {
          if (l.stderr !== "") process.stderr.write(l.stderr);
          if (l.text !== "") process.stdout.write(l.text);
          if (l.failed) failed = true;
        }
      } catch (e) {
        if (
          e instanceof GorootError ||
          e instanceof ModuleError ||
          e instanceof ModFileError ||
          e instanceof ListingError
        )
          throw new FailError(e.message);
        throw e;
      }
      if (failed) process.exitCode = 1;
    });
}
