import { archInfo, objectFormat, type ObjectFormat, type SubarchVar } from "./arch.js";
import { platformFor, type PlatformContext } from "./context.js";
import { portRows } from "./ports-data.js";
import { externalLinkingReason, rulesOf } from "./rules.js";
import { portClass, portName, type Port, type PortClass } from "./ports.js";
import { normalizeVariant, SubarchError, subarchRule } from "./subarch.js";
import { nodePlatform, triple, zigTarget, type NodePlatform } from "./triples.js";
import type { ErrorKind } from "../errors.js";

/** TargetError is a target or selector crossgo cannot accept; the CLI exits 2 with it. */
export class TargetError extends Error {
  override name = "TargetError";
  readonly kind: ErrorKind = "usage";
}

/** SubarchInfo is a port's sub-arch variable, its valid values and its default. */
export interface SubarchInfo {
  variable: SubarchVar;
  choices: string[];
  default: string; // the toolchain's default when known, else cmd/dist's
}

/** PortFacts are the derived facts `crossgo targets --long` shows for a port. */
export interface PortFacts {
  class: PortClass;
  objectFormat: ObjectFormat;
  ptrSize: 4 | 8;
  byteOrder: "little" | "big";
  subarch?: SubarchInfo;
  mustLinkExternal: boolean; // internal/platform.MustLinkExternal(goos, goarch, false)
  defaultPIE: boolean; // internal/platform.DefaultPIE without -race
  externalLinkReason?: string; // why go build of a pure-Go main needs a C linker: "ios/arm64", "default PIE binary"
  triple?: string;
  zigTarget?: string;
  node?: NodePlatform;
}

/** ResolvedTarget is one port (with an optional sub-arch value) and what the Go tools need for it. */
export interface ResolvedTarget extends PortFacts {
  name: string; // "linux/arm/v6", as the user would write it
  minor: number; // the Go release whose rules resolved it (Go 1.minor)
  goos: string;
  goarch: string;
  variant?: string; // the sub-arch value as written in the selector ("v6")
  subarchValue?: string; // its value in the environment ("6"); the default when no variant
  port: Port;
  env: Record<string, string>; // GOOS, GOARCH, and the sub-arch variable when a variant was given
  toolTags: string[]; // tags the sub-arch value implies (amd64.v1, amd64.v2, ...)
  asmDefines: string[]; // names cmd/go defines for the assembler: GOOS_x, GOARCH_y, GOAMD64_v2, ...
  cgoSupported: boolean;
  cgoDefault: boolean; // what CGO_ENABLED defaults to: off when cross-compiling
  explicit?: true; // selectTargets: named as a port, not only matched by a keyword or glob
}

/** portFacts derives the facts of a port under a platform context. */
export function portFacts(p: Port, ctx: PlatformContext): PortFacts {
  const a = archInfo[p.GOARCH];
  if (a === undefined) throw new TargetError(`crossgo knows nothing of GOARCH=${p.GOARCH}`);
  const rules = rulesOf(ctx);
  const goarm = p.GOARCH === "arm" ? subarchDefault("GOARM", p.GOOS, ctx) : "7";
  const facts: PortFacts = {
    class: portClass(p),
    objectFormat: objectFormat(p.GOOS),
    ptrSize: a.ptrSize,
    byteOrder: a.byteOrder,
    mustLinkExternal: rules.mustLinkExternal(p.GOOS, p.GOARCH, false),
    defaultPIE: rules.defaultPIE(p.GOOS, p.GOARCH, false),
  };
  const why = externalLinkingReason(rules, p.GOOS, p.GOARCH);
  if (why !== "") facts.externalLinkReason = why;
  const rule = a.subarchVar !== undefined ? subarchRule(a.subarchVar, ctx.minor) : undefined;
  if (rule)
    facts.subarch = {
      variable: rule.variable,
      choices: rule.choices(ctx.minor),
      default: subarchDefault(rule.variable, p.GOOS, ctx),
    };
  const t = triple(p.GOOS, p.GOARCH, goarm);
  if (t !== undefined) facts.triple = t;
  const z = zigTarget(p.GOOS, p.GOARCH, goarm);
  if (z !== undefined) facts.zigTarget = z;
  const n = nodePlatform(p.GOOS, p.GOARCH);
  if (n !== undefined) facts.node = n;
  return facts;
}

function subarchDefault(v: SubarchVar, goos: string, ctx: PlatformContext): string {
  // buildcfg: android/arm devices always support GOARM=7.
  if (v === "GOARM" && goos === "android") return "7";
  return ctx.defaults[v] ?? subarchRule(v, ctx.minor)?.upstreamDefault(ctx.minor, goos) ?? "";
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

/** nearestPort suggests the closest port name to a misspelt one. */
export function nearestPort(name: string, ctx: PlatformContext): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const p of ctx.table) {
    const d = editDistance(name, portName(p));
    if (d < bestD) {
      bestD = d;
      best = portName(p);
    }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

/** unknownPortError explains why goos/goarch is not a port of this release. */
export function unknownPortError(goos: string, goarch: string, ctx: PlatformContext): TargetError {
  const name = `${goos}/${goarch}`;
  const row = portRows.find((r) => r.goos === goos && r.goarch === goarch);
  if (row) {
    if (row.since !== undefined && ctx.minor < row.since) {
      return new TargetError(
        `${name} is not a port of Go 1.${ctx.minor}: it is new in Go 1.${row.since}; use a newer Go (--goroot or --go)`,
      );
    }
    if (row.until !== undefined && ctx.minor > row.until) {
      return new TargetError(
        `${name} is not a port of Go 1.${ctx.minor}: it was removed after Go 1.${row.until}`,
      );
    }
  }
  // Go's names are lower case: LINUX/AMD64 is a spelling of linux/amd64.
  const lower = ctx.table.find((p) => portName(p) === name.toLowerCase());
  const near = lower !== undefined ? portName(lower) : nearestPort(name, ctx);
  return new TargetError(
    `unknown target ${name}${near ? `: did you mean ${near}?` : ""} (crossgo targets lists the ${ctx.table.filter((p) => p.Broken !== true).length} ports of ${ctx.version})`,
  );
}

/** findPort returns the port goos/goarch of ctx, or throws TargetError with a suggestion. */
export function findPort(goos: string, goarch: string, ctx: PlatformContext): Port {
  const p = ctx.table.find((x) => x.GOOS === goos && x.GOARCH === goarch);
  if (!p) throw unknownPortError(goos, goarch, ctx);
  return p;
}

/**
 * resolvePort resolves one port and an optional sub-arch variant ("v6", "v8.2,lse", "softfloat")
 * into the environment and flags the Go tools need.
 */
export function resolvePort(
  p: Port,
  variant: string | undefined,
  ctx: PlatformContext,
): ResolvedTarget {
  const facts = portFacts(p, ctx);
  const env: Record<string, string> = { GOOS: p.GOOS, GOARCH: p.GOARCH };
  let subarchValue: string | undefined;
  let toolTags: string[] = [];
  const asmDefines = [`GOOS_${p.GOOS}`, `GOARCH_${p.GOARCH}`];
  const name = variant === undefined ? portName(p) : `${portName(p)}/${variant}`;
  if (variant !== undefined && facts.subarch === undefined) {
    const v = archInfo[p.GOARCH]?.subarchVar;
    throw new TargetError(
      v !== undefined
        ? `${name}: Go 1.${ctx.minor} has no ${v}; drop the /${variant}`
        : `${name}: ${p.GOARCH} has no sub-architecture variable; drop the /${variant}`,
    );
  }
  if (facts.subarch) {
    const rule = subarchRule(facts.subarch.variable, ctx.minor)!;
    const value =
      variant === undefined ? facts.subarch.default : normalizeVariant(rule.variable, variant);
    try {
      const checked = rule.check(value, ctx.minor, p.GOARCH);
      subarchValue = value;
      toolTags = checked.toolTags;
      asmDefines.push(...checked.asmDefines);
    } catch (e) {
      if (e instanceof SubarchError) {
        const choices = facts.subarch.choices;
        const hint =
          variant === undefined
            ? " (the toolchain's default)"
            : e.message.includes(choices[0]!)
              ? ""
              : `; valid values: ${choices.join(", ")}`;
        throw new TargetError(`${name}: ${e.message}${hint}`);
      }
      throw e;
    }
    if (variant !== undefined) env[rule.variable] = value;
  }
  const host = ctx.host;
  const isHost = host !== undefined && host.goos === p.GOOS && host.goarch === p.GOARCH;
  const r: ResolvedTarget = {
    ...facts,
    name,
    minor: ctx.minor,
    goos: p.GOOS,
    goarch: p.GOARCH,
    port: p,
    env,
    toolTags,
    asmDefines,
    cgoSupported: p.CgoSupported,
    cgoDefault: isHost && p.CgoSupported,
  };
  if (variant !== undefined) r.variant = variant;
  if (subarchValue !== undefined) r.subarchValue = subarchValue;
  if (p.GOARCH === "arm" && subarchValue !== undefined) {
    // GOARM=5 and ",softfloat" select the soft-float C ABI.
    const t = triple(p.GOOS, p.GOARCH, subarchValue);
    const z = zigTarget(p.GOOS, p.GOARCH, subarchValue);
    if (t !== undefined) r.triple = t;
    if (z !== undefined) r.zigTarget = z;
  }
  return r;
}

/** ResolveOptions choose the Go release whose rules apply. */
export interface ResolveOptions {
  goVersion?: string; // "1.27" or "go1.27.4"; ignored when platform is given
  platform?: PlatformContext;
}

/** contextFor returns opts.platform, or crossgo's data for opts.goVersion (default: current). */
export function contextFor(opts: ResolveOptions): PlatformContext {
  if (opts.platform) return opts.platform;
  if (opts.goVersion !== undefined) {
    const m = /^(?:go)?1\.(\d+)/.exec(opts.goVersion);
    if (!m)
      throw new TargetError(
        `invalid Go version ${opts.goVersion}: want a form like 1.27 or go1.27.4`,
      );
    return platformFor(Number(m[1]));
  }
  return platformFor();
}

/**
 * resolveTarget resolves exactly one target, "goos/goarch[/variant]", such as "linux/arm/v6",
 * "linux/amd64/v3" or "js/wasm". Broken ports resolve too (the user named them).
 */
export function resolveTarget(spec: string, opts: ResolveOptions = {}): ResolvedTarget {
  const ctx = contextFor(opts);
  const parts = spec.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((s) => s === "")) {
    throw new TargetError(
      `invalid target "${spec}": want goos/goarch or goos/goarch/variant, e.g. linux/arm64 or linux/arm/v6`,
    );
  }
  if (parts.some((s) => s.includes("*") || s.startsWith("!"))) {
    throw new TargetError(
      `"${spec}" is a selector, not one target: name exactly one port (crossgo targets "${spec}" lists what it matches)`,
    );
  }
  const p = findPort(parts[0]!, parts[1]!, ctx);
  return resolvePort(p, parts[2], ctx);
}
