// The packages the linker adds to every main package (cmd/go's LinkerDeps), and the platform
// rules that decide them (internal/platform: MustLinkExternal, DefaultPIE,
// InternalLinkPIESupported), for the default build mode without -race/-msan/-asan/-cover.

/** mustLinkExternal reports whether a pure-Go program for goos/goarch needs the external linker. */
export function mustLinkExternal(goos: string, goarch: string): boolean {
  if (goos === "android") return goarch !== "arm64";
  if (goos === "ios") return goarch === "arm64";
  return false;
}

/** defaultPIE reports whether the default build mode of goos is a position-independent executable. */
export function defaultPIE(goos: string): boolean {
  return goos === "android" || goos === "ios" || goos === "windows" || goos === "darwin";
}

// Ports whose linker can link a PIE by itself (internal/platform.InternalLinkPIESupported),
// restricted to the default-PIE systems above; windows/arm was dropped with the port in Go 1.26.
const INTERNAL_LINK_PIE = new Set([
  "android/arm64",
  "darwin/amd64",
  "darwin/arm64",
  "windows/386",
  "windows/amd64",
  "windows/arm",
  "windows/arm64",
]);

/**
 * externalLinkingReason returns why a main package for the target must be linked externally
 * ("" when it need not): the port itself, or a default PIE the internal linker cannot make.
 */
export function externalLinkingReason(goos: string, goarch: string): string {
  if (mustLinkExternal(goos, goarch)) return `${goos}/${goarch}`;
  if (defaultPIE(goos) && !INTERNAL_LINK_PIE.has(`${goos}/${goarch}`)) return "default PIE binary";
  return "";
}

/** LinkerDepsResult is the implicit imports of a main package, or the error that stops them. */
export type LinkerDepsResult = { deps: string[] } | { error: string };

/** linkerDeps returns the packages the linker adds to a main package for the target. */
export function linkerDeps(goos: string, goarch: string, cgoEnabled: boolean): LinkerDepsResult {
  const deps = ["runtime"];
  const why = externalLinkingReason(goos, goarch);
  if (why !== "") {
    if (!cgoEnabled)
      return { error: `${why} requires external (cgo) linking, but cgo is not enabled` };
    deps.push("runtime/cgo");
  }
  if (goarch === "arm") deps.push("math"); // soft floating point on GOARM=5
  return { deps };
}
