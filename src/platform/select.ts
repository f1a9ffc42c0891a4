import type { PlatformContext } from "./context.js";
import { portName, type Port } from "./ports.js";
import {
  contextFor,
  findPort,
  nearestPort,
  resolvePort,
  TargetError,
  unknownPortError,
  type ResolveOptions,
  type ResolvedTarget,
} from "./resolve.js";

// Target selectors. A selector is a comma-separated list of terms, read left to right; several
// selectors (command-line arguments) are joined with commas. A term adds ports, a term led by
// "!" removes them:
//
//   all            every port that is not broken (what `go tool dist list` lists)
//   first-class    the first-class ports
//   secondary      ports that are neither first class nor broken
//   cgo            ports where cgo is supported
//   broken         the ports marked broken (only ever by name or this term)
//   linux/arm64    one port; a third part sets its sub-arch: linux/arm/v6, linux/amd64/v3
//   linux/*, */arm64, linux/mips*
//                  glob patterns over goos/goarch (never matching broken ports)
//
// e.g. "all,!broken,!android/*" or "first-class,linux/riscv64/rva22u64".

function globRE(pattern: string): RegExp {
  return new RegExp(
    "^" +
      pattern
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*") +
      "$",
  );
}

interface Term {
  negate: boolean;
  text: string;
}

function terms(selectors: readonly string[]): Term[] {
  const out: Term[] = [];
  for (const sel of selectors) {
    for (const raw of sel.split(",")) {
      const t = raw.trim();
      if (t === "") continue;
      const negate = t.startsWith("!");
      const text = negate ? t.slice(1) : t;
      if (text === "") throw new TargetError(`empty negation in selector "${sel}"`);
      out.push({ negate, text });
    }
  }
  return out;
}

/**
 * A sub-arch variant is written after the port and may contain commas itself
 * (linux/arm64/v8.2,lse, js/wasm/satconv,signext): a term that does not contain "/" and
 * follows a three-part term continues its variant.
 */
function joinVariants(list: Term[]): Term[] {
  const out: Term[] = [];
  for (const t of list) {
    const prev = out[out.length - 1];
    if (
      prev &&
      !t.negate &&
      !t.text.includes("/") &&
      !isKeyword(t.text) &&
      prev.text.split("/").length === 3
    ) {
      prev.text += "," + t.text;
      continue;
    }
    out.push({ ...t });
  }
  return out;
}

const keywords = ["all", "first-class", "secondary", "cgo", "broken"] as const;

function isKeyword(s: string): boolean {
  return (keywords as readonly string[]).includes(s);
}

function matchTerm(
  text: string,
  ctx: PlatformContext,
): { ports: Port[]; variant?: string; named?: true } {
  switch (text) {
    case "all":
      return { ports: ctx.table.filter((p) => p.Broken !== true) };
    case "first-class":
      return { ports: ctx.table.filter((p) => p.FirstClass && p.Broken !== true) };
    case "secondary":
      return { ports: ctx.table.filter((p) => !p.FirstClass && p.Broken !== true) };
    case "cgo":
      return { ports: ctx.table.filter((p) => p.CgoSupported && p.Broken !== true) };
    case "broken":
      return { ports: ctx.table.filter((p) => p.Broken === true) };
  }
  const parts = text.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((s) => s === "")) {
    const near = [...keywords].find((k) => k.startsWith(text.slice(0, 3)));
    throw new TargetError(
      `invalid selector term "${text}": want all, first-class, secondary, cgo, broken, goos/goarch[/variant] or a glob such as linux/*${near ? ` (did you mean ${near}?)` : ""}`,
    );
  }
  const [goos, goarch, variant] = parts as [string, string, string | undefined];
  if (goos.includes("*") || goarch.includes("*")) {
    if (variant !== undefined)
      throw new TargetError(`"${text}": a sub-arch variant needs one port, not a glob`);
    const re = globRE(`${goos}/${goarch}`);
    const ports = ctx.table.filter((p) => p.Broken !== true && re.test(portName(p)));
    if (ports.length === 0) {
      const near = nearestPort(`${goos}/${goarch}`.replace(/\*/g, ""), ctx);
      throw new TargetError(
        `selector "${text}" matches no port of ${ctx.version}${near ? `: did you mean ${near}?` : ""}`,
      );
    }
    return { ports };
  }
  const p = ctx.table.find((x) => x.GOOS === goos && x.GOARCH === goarch);
  if (!p) throw unknownPortError(goos, goarch, ctx);
  return variant === undefined ? { ports: [p], named: true } : { ports: [p], variant, named: true };
}

/**
 * selectTargets evaluates selectors against the port table and resolves each chosen target.
 * The result follows table order; a port named with several variants appears once per variant.
 */
export function selectTargets(
  selectors: readonly string[],
  opts: ResolveOptions = {},
): ResolvedTarget[] {
  const ctx = contextFor(opts);
  const list = joinVariants(terms(selectors.length === 0 ? ["all"] : selectors));
  if (list.length === 0)
    throw new TargetError(
      "empty target selector: name ports such as linux/amd64, or all, first-class, cgo",
    );
  // key "goos/goarch" or "goos/goarch/variant" -> chosen
  const chosen = new Map<string, { port: Port; variant?: string; named?: true }>();
  // Read left to right, a selector that starts with a removal starts from all ("!android/*").
  if (list[0]!.negate)
    for (const p of matchTerm("all", ctx).ports) chosen.set(portName(p), { port: p });
  for (const t of list) {
    const m = matchTerm(t.text, ctx);
    if (t.negate) {
      for (const p of m.ports) {
        const base = portName(p);
        for (const k of [...chosen.keys()]) {
          if (
            m.variant === undefined
              ? k === base || k.startsWith(base + "/")
              : k === `${base}/${m.variant}`
          )
            chosen.delete(k);
        }
      }
      continue;
    }
    for (const p of m.ports) {
      const key = m.variant === undefined ? portName(p) : `${portName(p)}/${m.variant}`;
      const c: { port: Port; variant?: string; named?: true } = { port: p };
      if (m.variant !== undefined) c.variant = m.variant;
      if (m.named === true || chosen.get(key)?.named === true) c.named = true;
      chosen.set(key, c);
    }
  }
  const order = new Map(ctx.table.map((p, i) => [portName(p), i]));
  const out = [...chosen.entries()].sort((a, b) => {
    const d = order.get(portName(a[1].port))! - order.get(portName(b[1].port))!;
    return d !== 0 ? d : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  });
  return out.map(([, c]) => {
    const r = resolvePort(c.port, c.variant, ctx);
    if (c.named === true) r.explicit = true;
    return r;
  });
}

/** lookupPort is findPort for callers that hold only a version. */
export function lookupPort(goos: string, goarch: string, opts: ResolveOptions = {}): Port {
  return findPort(goos, goarch, contextFor(opts));
}
