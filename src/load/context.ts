// The build context of one target: which build tags hold and which file names match
// (go/build's Context with cmd/go's settings: GOOS, GOARCH, cgo, tool tags, release tags).

import { enabledExperiments } from "./experiment.js";
import { sysList, type SysList } from "./syslist.js";

/**
 * TargetLike is the part of platform's ResolvedTarget the loader needs. toolTags, when given,
 * are the target's sub-architecture tags (amd64.v1, arm.7, ...) without goexperiment tags;
 * when absent they are derived from env and the toolchain's defaults.
 */
export interface TargetLike {
  goos: string;
  goarch: string;
  env?: Record<string, string>; // GOAMD64, GOARM, ... when set for this target
  toolTags?: readonly string[];
  variant?: string;
}

/** ToolchainDefaults are a toolchain's built-in sub-architecture defaults (zbootstrap.go). */
export interface ToolchainDefaults {
  GO386: string;
  GOAMD64: string;
  GOARM: string;
  GOARM64: string;
  GOMIPS: string;
  GOMIPS64: string;
  GOPPC64: string;
  GORISCV64: string;
  GOEXPERIMENT: string;
}

/** BuildContext is everything file selection depends on for one target and toolchain. */
export interface BuildContext {
  goos: string;
  goarch: string;
  goMinor: number; // toolchain release: Go 1.goMinor
  cgoEnabled: boolean;
  compiler: "gc";
  buildTags: readonly string[]; // user -tags
  toolTags: readonly string[]; // goexperiment.* and sub-architecture tags
  releaseTags: readonly string[]; // go1.1 ... go1.goMinor
  sys: SysList;
  tagSet: ReadonlySet<string>; // buildTags, toolTags and releaseTags together
}

/** NewContextOptions are the inputs of {@link newBuildContext}. */
export interface NewContextOptions {
  target: TargetLike;
  goMinor: number;
  cgoEnabled: boolean;
  tags?: readonly string[];
  defaults?: Partial<ToolchainDefaults>;
  goexperiment?: string; // GOEXPERIMENT from the environment (default: the toolchain's)
}

/** newBuildContext builds the context of one target. */
export function newBuildContext(o: NewContextOptions): BuildContext {
  const { goos, goarch } = o.target;
  const exps = enabledExperiments(
    o.goMinor,
    goos,
    goarch,
    o.goexperiment ?? o.defaults?.GOEXPERIMENT ?? "",
  );
  const arch =
    o.target.toolTags ??
    archToolTags(goos, goarch, o.goMinor, o.target.env ?? {}, o.defaults ?? {});
  const toolTags = [
    ...exps.map((e) => "goexperiment." + e),
    ...arch.filter((t) => !t.startsWith("goexperiment.")),
  ];
  const releaseTags: string[] = [];
  for (let i = 1; i <= o.goMinor; i++) releaseTags.push(`go1.${i}`);
  const buildTags = o.tags ?? [];
  return {
    goos,
    goarch,
    goMinor: o.goMinor,
    cgoEnabled: o.cgoEnabled,
    compiler: "gc",
    buildTags,
    toolTags,
    releaseTags,
    sys: sysList(o.goMinor),
    tagSet: new Set([...buildTags, ...toolTags, ...releaseTags]),
  };
}

/**
 * archToolTags returns the sub-architecture tags of internal/buildcfg's gogoarchTags for a
 * target of Go 1.goMinor, reading GOAMD64/GOARM/... from env, else the toolchain defaults.
 */
export function archToolTags(
  goos: string,
  goarch: string,
  goMinor: number,
  env: Record<string, string>,
  defaults: Partial<ToolchainDefaults>,
): string[] {
  if (goMinor < 21) return []; // sub-architecture tags arrived in Go 1.21
  const get = (k: keyof ToolchainDefaults, dflt: string) => env[k] ?? defaults[k] ?? dflt;
  const list: string[] = [];
  switch (goarch) {
    case "386":
      return [`386.${get("GO386", "sse2")}`];
    case "amd64": {
      const n = Number(get("GOAMD64", "v1").slice(1));
      for (let i = 1; i <= n; i++) list.push(`amd64.v${i}`);
      return list;
    }
    case "arm": {
      // Android arm devices always support GOARM=7 (buildcfg.goarm).
      const dflt = goos === "android" ? "7" : (defaults.GOARM ?? "7");
      const n = Number((env.GOARM ?? dflt).replace(/,(soft|hard)float$/, ""));
      for (let i = 5; i <= n; i++) list.push(`arm.${i}`);
      return list;
    }
    case "arm64": {
      if (goMinor < 23) return [];
      const v = get("GOARM64", "v8.0").split(",")[0] ?? "v8.0";
      const major = Number(v[1]);
      const minor = Number(v[3]);
      for (let i = 0; i <= minor; i++) list.push(`arm64.v${major}.${i}`);
      if (major === 9) for (let i = 0; i <= minor + 5 && i <= 9; i++) list.push(`arm64.v8.${i}`);
      return list;
    }
    case "mips":
    case "mipsle":
      return [`${goarch}.${get("GOMIPS", "hardfloat")}`];
    case "mips64":
    case "mips64le":
      return [`${goarch}.${get("GOMIPS64", "hardfloat")}`];
    case "ppc64":
    case "ppc64le": {
      const n = Number(get("GOPPC64", "power8").slice("power".length));
      for (let i = 8; i <= n; i++) list.push(`${goarch}.power${i}`);
      return list;
    }
    case "riscv64": {
      if (goMinor < 23) return [];
      const n = Number(get("GORISCV64", "rva20u64").slice(3, 5));
      list.push("riscv64.rva20u64");
      if (n >= 22) list.push("riscv64.rva22u64");
      if (n >= 23 && goMinor >= 25) list.push("riscv64.rva23u64");
      return list;
    }
    case "wasm": {
      // Before Go 1.26 the features were opt-in through GOWASM.
      const feats =
        goMinor >= 26
          ? ["satconv", "signext"]
          : (env.GOWASM ?? "").split(",").filter((f) => f !== "");
      for (const f of ["satconv", "signext"]) if (feats.includes(f)) list.push(`wasm.${f}`);
      return list;
    }
    default:
      return [];
  }
}

/**
 * matchTag reports whether a single build tag holds in ctx (go/build's matchTag). When
 * allTags is given every tag consulted is recorded there.
 */
export function matchTag(ctx: BuildContext, name: string, allTags?: Set<string>): boolean {
  allTags?.add(name);
  if (name === "cgo") return ctx.cgoEnabled;
  if (name === ctx.goos || name === ctx.goarch || name === ctx.compiler) return true;
  if (ctx.goos === "android" && name === "linux") return true;
  if (ctx.goos === "illumos" && name === "solaris") return true;
  if (ctx.goos === "ios" && name === "darwin") return true;
  if (name === "unix" && ctx.sys.unixOS.has(ctx.goos)) return true;
  if (name === "boringcrypto") name = "goexperiment.boringcrypto"; // boringcrypto is an old name for goexperiment.boringcrypto
  return ctx.tagSet.has(name);
}

/**
 * nameSuffix returns the "_"-separated elements of a file name after its first "_" and
 * before its first ".", without a final "test": what goodOSArchFile looks at. It depends only
 * on the name, so callers may compute it once per file.
 */
export function nameSuffix(name: string): string[] {
  const dot = name.indexOf(".");
  let stem = dot >= 0 ? name.slice(0, dot) : name;
  const i = stem.indexOf("_");
  if (i < 0) return [];
  stem = stem.slice(i); // ignore everything before the first _
  const l = stem.split("_");
  if (l.length > 0 && l[l.length - 1] === "test") l.pop();
  return l;
}

/**
 * goodOSArchFile reports whether a file name's _GOOS, _GOARCH or _GOOS_GOARCH suffix (before
 * the extension, ignoring a final _test) matches ctx. Names without a known suffix match.
 */
export function goodOSArchFile(ctx: BuildContext, name: string, allTags?: Set<string>): boolean {
  return goodSuffix(ctx, nameSuffix(name), allTags);
}

/** goodSuffix is goodOSArchFile over a precomputed {@link nameSuffix}. */
export function goodSuffix(
  ctx: BuildContext,
  l: readonly string[],
  allTags?: Set<string>,
): boolean {
  const n = l.length;
  if (n === 0) return true;
  const last = l[n - 1]!;
  const prev = l[n - 2] ?? "";
  if (n >= 2 && ctx.sys.knownOS.has(prev) && ctx.sys.knownArch.has(last)) {
    allTags?.add(prev);
    const a = matchTag(ctx, last, allTags);
    return a && matchTag(ctx, prev, allTags);
  }
  if (ctx.sys.knownOS.has(last) || ctx.sys.knownArch.has(last)) return matchTag(ctx, last, allTags);
  return true;
}
