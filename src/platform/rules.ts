// The port rules of internal/platform/supported.go (which ports link externally, which build
// modes each port has, PIE defaults), as functions of the Go release, and cmd/go's rule that
// derives a main package's implicit linker dependencies from them (load.LinkerDeps).
//
// Each function keeps Go's name and signature. Rules that changed between releases take the
// release from the PortRules value; the oracle test (test/platform/rules.test.ts) runs each
// release's own supported.go for every port and compares. Go 1.19 and 1.20 had no
// internal/platform; their rules here are Go 1.21's.

import type { PlatformContext } from "./context.js";
import { knownMinors } from "./ports-data.js";
import { portTable, type Port } from "./ports.js";

/** BuildMode is a -buildmode value. */
export type BuildMode =
  "archive" | "c-archive" | "c-shared" | "default" | "exe" | "pie" | "shared" | "plugin";

/** buildModes are the values of {@link BuildMode}, in cmd/go's documentation order. */
export const buildModes: readonly BuildMode[] = [
  "archive",
  "c-archive",
  "c-shared",
  "default",
  "exe",
  "pie",
  "shared",
  "plugin",
];

/** PortRules are internal/platform's functions of one Go release. */
export interface PortRules {
  minor: number;
  /** mustLinkExternal reports whether goos/goarch requires external linking, with or without cgo. */
  mustLinkExternal(goos: string, goarch: string, withCgo: boolean): boolean;
  /** defaultPIE reports whether the "default" build mode makes a PIE on goos/goarch. */
  defaultPIE(goos: string, goarch: string, isRace: boolean): boolean;
  /** internalLinkPIESupported reports whether cmd/link can link a PIE for goos/goarch itself. */
  internalLinkPIESupported(goos: string, goarch: string): boolean;
  /** buildModeSupported reports whether goos/goarch supports buildmode with compiler ("gc"). */
  buildModeSupported(compiler: string, buildmode: string, goos: string, goarch: string): boolean;
  /** executableHasDWARF reports whether linked executables carry DWARF on goos/goarch. */
  executableHasDWARF(goos: string, goarch: string): boolean;
  /** cgoSupported reports whether goos/goarch supports cgo (cmd/dist's cgoEnabled table). */
  cgoSupported(goos: string, goarch: string): boolean;
}

const cache = new Map<number, PortRules>();

/**
 * portRules returns the rules of Go 1.minor, over crossgo's port table of that release (the
 * nearest one it carries for a release it does not know).
 */
export function portRules(minor: number): PortRules {
  let r = cache.get(minor);
  if (!r) {
    const known = [...knownMinors].reverse().find((k) => k <= minor) ?? knownMinors[0]!;
    cache.set(minor, (r = makeRules(minor, portTable(known))));
  }
  return r;
}

const byTable = new WeakMap<readonly Port[], PortRules>();

/** rulesOf returns the rules of a platform context's release, over its port table. */
export function rulesOf(ctx: PlatformContext): PortRules {
  let r = byTable.get(ctx.table);
  if (!r || r.minor !== ctx.minor) byTable.set(ctx.table, (r = makeRules(ctx.minor, ctx.table)));
  return r;
}

function makeRules(minor: number, table: readonly Port[]): PortRules {
  const m = Math.max(minor, 21);
  const known = new Set(table.map((p) => `${p.GOOS}/${p.GOARCH}`));
  const cgo = new Set(table.filter((p) => p.CgoSupported).map((p) => `${p.GOOS}/${p.GOARCH}`));
  const oneOf = (platform: string, list: string) => list.split(" ").includes(platform);

  function mustLinkExternal(goos: string, goarch: string, withCgo: boolean): boolean {
    if (withCgo) {
      switch (goarch) {
        case "mips":
        case "mipsle":
        case "mips64":
        case "mips64le":
          // Internally linking cgo is incomplete on some architectures: go.dev/issue/14449.
          return true;
        case "loong64":
          if (m <= 24) return true; // go.dev/issue/14449, until Go 1.25
          break;
        case "riscv64":
          if (m <= 21) return true; // go.dev/issue/14449, until Go 1.22
          break;
        case "arm64":
          if (goos === "windows" && m <= 25) return true; // windows/arm64 internal cgo linking came in Go 1.26
          break;
        case "ppc64":
          // Big-endian PPC64 cgo internal linking: go.dev/issue/8912 (aix; linux until Go 1.27,
          // every GOOS in Go 1.21).
          if (goos === "aix" || (goos === "linux" && m <= 26) || m <= 21) return true;
          break;
      }
      // android always; dragonfly sets up thread-local storage in the dynamic linker.
      if (goos === "android" || goos === "dragonfly") return true;
    }
    if (goos === "android") return goarch !== "arm64";
    if (goos === "ios") return goarch === "arm64";
    return false;
  }

  function defaultPIE(goos: string, goarch: string, isRace: boolean): boolean {
    switch (goos) {
      case "android":
      case "ios":
        return true;
      case "windows":
        return !isRace; // PIE is not supported with -race on windows: go.dev/cl/416174
      case "darwin":
        return m >= 22 || goarch === "arm64";
    }
    return false;
  }

  function internalLinkPIESupported(goos: string, goarch: string): boolean {
    let list =
      "android/arm64 darwin/amd64 darwin/arm64 linux/amd64 linux/arm64 linux/ppc64le windows/386 windows/amd64 windows/arm64";
    if (m >= 25) list += " linux/loong64";
    if (m >= 27) list += " linux/ppc64 linux/s390x";
    if (m <= 25) list += " windows/arm";
    return oneOf(`${goos}/${goarch}`, list);
  }

  function buildModeSupported(
    compiler: string,
    buildmode: string,
    goos: string,
    goarch: string,
  ): boolean {
    if (compiler === "gccgo") return true;
    const platform = `${goos}/${goarch}`;
    if (!known.has(platform)) return false; // platform unrecognized
    switch (buildmode) {
      case "archive":
      case "default":
      case "exe":
        return true;
      case "c-archive":
        switch (goos) {
          case "aix":
          case "darwin":
          case "ios":
          case "windows":
            return true;
          case "linux":
            // Other targets do not support -shared (cmd/compile's ParseFlags), which cmd/go
            // passes for c-archive so that the result can go into a PIE or shared library.
            return oneOf(
              goarch,
              "386 amd64 arm armbe arm64 arm64be loong64 ppc64le riscv64 s390x" +
                (m >= 27 ? " ppc64" : ""),
            );
          case "freebsd":
            return goarch === "amd64";
        }
        return false;
      case "c-shared":
        return oneOf(
          platform,
          "linux/amd64 linux/arm linux/arm64 linux/loong64 linux/386 linux/ppc64le linux/riscv64 linux/s390x " +
            "android/amd64 android/arm android/arm64 android/386 freebsd/amd64 darwin/amd64 darwin/arm64 " +
            "windows/amd64 windows/386 windows/arm64" +
            (m >= 24 ? " wasip1/wasm" : "") +
            (m >= 27 ? " linux/ppc64" : ""),
        );
      case "pie":
        return oneOf(
          platform,
          "linux/386 linux/amd64 linux/arm linux/arm64 linux/loong64 linux/ppc64le linux/riscv64 linux/s390x " +
            "android/amd64 android/arm android/arm64 android/386 freebsd/amd64 darwin/amd64 darwin/arm64 " +
            "ios/amd64 ios/arm64 aix/ppc64 windows/386 windows/amd64 windows/arm64" +
            (m >= 23 ? " openbsd/arm64" : "") +
            (m <= 25 ? " windows/arm" : "") +
            (m >= 27 ? " linux/ppc64" : ""),
        );
      case "shared":
        return oneOf(
          platform,
          "linux/386 linux/amd64 linux/arm linux/arm64 linux/ppc64le linux/s390x" +
            (m >= 27 ? " linux/ppc64" : ""),
        );
      case "plugin":
        return oneOf(
          platform,
          "linux/amd64 linux/arm linux/arm64 linux/386 linux/s390x linux/ppc64le " +
            "android/amd64 android/386 darwin/amd64 darwin/arm64 freebsd/amd64" +
            (m >= 22 ? " linux/loong64" : "") +
            (m >= 25 ? " linux/riscv64" : "") +
            (m >= 27 ? " linux/ppc64" : ""),
        );
    }
    return false;
  }

  function executableHasDWARF(goos: string): boolean {
    return goos !== "plan9" && goos !== "ios";
  }

  return {
    minor,
    mustLinkExternal,
    defaultPIE,
    internalLinkPIESupported,
    buildModeSupported,
    executableHasDWARF,
    cgoSupported: (goos, goarch) => cgo.has(`${goos}/${goarch}`),
  };
}

/** LinkOptions are the build settings that can force external linking. */
export interface LinkOptions {
  buildmode?: string; // -buildmode (default "default")
  race?: boolean;
  linkshared?: boolean;
  ldflags?: readonly string[]; // the package's -ldflags, split
}

/**
 * externalLinkingReason is cmd/go's reason why a main package for goos/goarch must be linked
 * externally even without cgo ("" when it need not): the port itself ("ios/arm64"), the build
 * mode, -linkshared, a default PIE the internal linker cannot make ("default PIE binary"), or
 * -linkmode=external in ldflags (the last -linkmode wins).
 */
export function externalLinkingReason(
  rules: PortRules,
  goos: string,
  goarch: string,
  o: LinkOptions = {},
): string {
  if (rules.mustLinkExternal(goos, goarch, false)) return `${goos}/${goarch}`;
  const mode = o.buildmode ?? "default";
  if ((mode === "c-shared" && goarch !== "wasm") || mode === "plugin") return `-buildmode=${mode}`;
  if (o.linkshared === true) return "-linkshared";
  const isPIE = mode === "pie" || (mode === "default" && rules.defaultPIE(goos, goarch, !!o.race));
  if (isPIE && !rules.internalLinkPIESupported(goos, goarch))
    return mode === "pie" ? "-buildmode=pie" : "default PIE binary";
  const ld = o.ldflags ?? [];
  for (let i = ld.length - 1; i >= 0; i--) {
    const a = ld[i];
    if (a === "-linkmode=external" || (a === "-linkmode" && ld[i + 1] === "external")) return a;
    if (a === "-linkmode=internal" || (a === "-linkmode" && ld[i + 1] === "internal")) return "";
  }
  return "";
}

/** LinkerDepsResult is the implicit imports of a main package, or the error that stops them. */
export type LinkerDepsResult = { deps: string[] } | { error: string };

/**
 * linkerDeps is cmd/go's load.LinkerDeps: the packages the linker adds to every main package
 * (runtime; runtime/cgo when linking externally; math on arm for soft float), or the error
 * "... requires external (cgo) linking, but cgo is not enabled".
 */
export function linkerDeps(
  rules: PortRules,
  goos: string,
  goarch: string,
  cgoEnabled: boolean,
  o: LinkOptions = {},
): LinkerDepsResult {
  const deps = ["runtime"];
  const why = externalLinkingReason(rules, goos, goarch, o);
  if (why !== "") {
    if (!cgoEnabled)
      return { error: `${why} requires external (cgo) linking, but cgo is not enabled` };
    deps.push("runtime/cgo");
  }
  if (goarch === "arm") deps.push("math");
  if (o.race === true) deps.push("runtime/race");
  return { deps };
}
