import type { Command } from "@commander-js/extra-typings";
import { selectTargets, type ResolvedTarget } from "../../platform/index.js";
import { SourceCache } from "../../load/fs.js";
import { load } from "../../load/loader.js";
import { ModFileError } from "../../load/modfile.js";
import { ModuleError, openModules } from "../../load/modules.js";
import { packageJSON, type Package } from "../../load/package.js";
import { defaultIndexDir } from "../../load/srcindex.js";
import { readToolchainInfo, ToolchainError } from "../../load/toolchain.js";
import { platformContext, userErrors } from "../context.js";
import { FailError, UsageError } from "../errors.js";

/** ListFlags are the go-style flags of `crossgo list`. */
interface ListFlags {
  e: boolean;
  json: boolean;
  deps: boolean;
  tags: string[];
  targets: string[];
  goroot?: string;
  cgo?: boolean;
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
      case "cgo": {
        const v = eq >= 0 ? a.slice(eq + 1) : "1";
        f.cgo = v === "1" || v === "true";
        break;
      }
      default:
        throw new UsageError(
          `unknown flag ${a} (crossgo list takes -e, -json, -deps, -tags, --target, --goroot, --cgo=0|1)`,
        );
    }
  }
  return f;
}

function errorText(p: Package): string {
  const e = p.Error!;
  const pos = e.Pos !== "" ? `${e.Pos}: ` : "";
  return `${pos}${e.Err}`;
}

/** registerList adds `crossgo list`. */
export function registerList(program: Command): void {
  program
    .command("list")
    .description(
      "list packages like `go list` for one or more targets: -e -json -deps -tags T --target SELECTOR... [PATTERNS]",
    )
    .usage(
      "[-e] [-json] [-deps] [-tags t1,t2] [--target goos/goarch[/variant]|selector]... [--goroot DIR] [--cgo=0|1] [packages]",
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
      const targets: ResolvedTarget[] = await userErrors(() =>
        selectTargets(f.targets.length > 0 ? f.targets : [host], { platform: ctx }),
      );
      const multi = targets.length > 1;
      const cache = new SourceCache();
      const env = { ...process.env };
      // GOROOT/src does not change within a release: keep its parsed headers in an index
      // (CROSSGO_LOAD_INDEX=off reads every file instead).
      if (env.CROSSGO_LOAD_INDEX !== "off") {
        const goroot = toolchain.goroot;
        cache.attachIndex(
          `${goroot}/src`,
          `${goroot}/src ${readToolchainInfo(cache, goroot).version}`,
          defaultIndexDir(env),
        );
      }
      let modules;
      try {
        modules = openModules(cache, { dir: process.cwd(), goroot: toolchain.goroot, env });
      } catch (e) {
        if (e instanceof ModuleError || e instanceof ModFileError) throw new FailError(e.message);
        throw e;
      }
      let failed = false;
      const out: string[] = [];
      const flush = () => {
        if (out.length > 0) process.stdout.write(out.join(""));
        out.length = 0;
      };
      for (const t of targets) {
        let res;
        try {
          res = await load(f.patterns, {
            target: t,
            goroot: toolchain.goroot,
            dir: process.cwd(),
            tags: f.tags,
            env,
            cache,
            modules,
            deps: f.deps,
            ...(f.cgo !== undefined ? { cgo: f.cgo } : {}),
          });
        } catch (e) {
          if (e instanceof ToolchainError || e instanceof ModuleError || e instanceof ModFileError)
            throw new FailError(e.message);
          throw e;
        }
        for (const w of res.errors) process.stderr.write(`go: ${w}\n`);
        const extra: Record<string, string> = multi ? { GOOS: t.goos, GOARCH: t.goarch } : {};
        if (multi && t.variant !== undefined) extra.Variant = t.variant;
        for (const p of res.packages) {
          if (p.Error && !f.e) {
            process.stderr.write(`${errorText(p)}\n`);
            failed = true;
            continue;
          }
          if (f.json) out.push(JSON.stringify(packageJSON(p, extra), null, "\t") + "\n");
          else out.push((multi ? `${t.name} ` : "") + p.ImportPath + "\n");
        }
        flush();
      }
      cache.saveIndexes();
      if (failed) process.exitCode = 1;
    });
}
