/**
 * The port table: every GOOS/GOARCH pair cmd/dist has known since Go 1.19, with the release
 * range it exists in and the releases where it is marked broken. This is crossgo's single point
 * of truth for supported platforms, like cgoEnabled/firstClass/broken in src/cmd/dist/build.go;
 * everything else (per-version lists, classes, selectors) is derived from it.
 * test/platform/ports.test.ts compares the derived lists with `go tool dist list -json [-broken]`
 * of every installed Go.
 *
 * Versions are Go minor releases (27 = Go 1.27).
 */

/** PortRow is one pair and its history. */
export interface PortRow {
  goos: string;
  goarch: string;
  cgo: boolean | { since: number }; // CgoSupported; {since} when it became true later
  firstClass?: true;
  since?: number; // first release that lists it (default: before 1.19)
  until?: number; // last release that lists it (default: still there)
  broken?: readonly (readonly [from: number, to: number])[]; // inclusive ranges marked broken
}

const always = 99;

/** portRows is the table, sorted as dist sorts ("goos/goarch" as strings). */
export const portRows: readonly PortRow[] = [
  { goos: "aix", goarch: "ppc64", cgo: true },
  { goos: "android", goarch: "386", cgo: true },
  { goos: "android", goarch: "amd64", cgo: true },
  { goos: "android", goarch: "arm", cgo: true },
  { goos: "android", goarch: "arm64", cgo: true },
  { goos: "darwin", goarch: "amd64", cgo: true, firstClass: true },
  { goos: "darwin", goarch: "arm64", cgo: true, firstClass: true },
  { goos: "dragonfly", goarch: "amd64", cgo: true },
  { goos: "freebsd", goarch: "386", cgo: true },
  { goos: "freebsd", goarch: "amd64", cgo: true },
  { goos: "freebsd", goarch: "arm", cgo: true },
  { goos: "freebsd", goarch: "arm64", cgo: true },
  // New in Go 1.20 (experimental); broken since 1.26: go.dev/issue/76475.
  { goos: "freebsd", goarch: "riscv64", cgo: true, since: 20, broken: [[26, always]] },
  { goos: "illumos", goarch: "amd64", cgo: true },
  { goos: "ios", goarch: "amd64", cgo: true },
  { goos: "ios", goarch: "arm64", cgo: true },
  { goos: "js", goarch: "wasm", cgo: false },
  { goos: "linux", goarch: "386", cgo: true, firstClass: true },
  { goos: "linux", goarch: "amd64", cgo: true, firstClass: true },
  { goos: "linux", goarch: "arm", cgo: true, firstClass: true },
  { goos: "linux", goarch: "arm64", cgo: true, firstClass: true },
  { goos: "linux", goarch: "loong64", cgo: true },
  { goos: "linux", goarch: "mips", cgo: true },
  { goos: "linux", goarch: "mips64", cgo: true },
  { goos: "linux", goarch: "mips64le", cgo: true },
  { goos: "linux", goarch: "mipsle", cgo: true },
  // Big-endian ppc64 gained cgo (external linking) in Go 1.27.
  { goos: "linux", goarch: "ppc64", cgo: { since: 27 } },
  { goos: "linux", goarch: "ppc64le", cgo: true },
  { goos: "linux", goarch: "riscv64", cgo: true },
  { goos: "linux", goarch: "s390x", cgo: true },
  // An incomplete port (CL 132155): "incomplete" in 1.19, "broken" since.
  { goos: "linux", goarch: "sparc64", cgo: true, broken: [[0, always]] },
  { goos: "netbsd", goarch: "386", cgo: true },
  { goos: "netbsd", goarch: "amd64", cgo: true },
  { goos: "netbsd", goarch: "arm", cgo: true },
  { goos: "netbsd", goarch: "arm64", cgo: true },
  { goos: "openbsd", goarch: "386", cgo: true },
  { goos: "openbsd", goarch: "amd64", cgo: true },
  { goos: "openbsd", goarch: "arm", cgo: true },
  { goos: "openbsd", goarch: "arm64", cgo: true },
  // Broken from 1.21 (go.dev/issue/58110), removed in 1.27.
  { goos: "openbsd", goarch: "mips64", cgo: true, until: 26, broken: [[21, 26]] },
  // Added in 1.21 as an incomplete port (go.dev/issue/56001), complete in 1.22.
  { goos: "openbsd", goarch: "ppc64", cgo: false, since: 21, broken: [[21, 21]] },
  // Added in 1.22 as broken, complete with cgo in 1.23.
  { goos: "openbsd", goarch: "riscv64", cgo: { since: 23 }, since: 22, broken: [[22, 22]] },
  { goos: "plan9", goarch: "386", cgo: false },
  { goos: "plan9", goarch: "amd64", cgo: false },
  { goos: "plan9", goarch: "arm", cgo: false },
  { goos: "solaris", goarch: "amd64", cgo: true },
  // WASI preview 1, new in Go 1.21.
  { goos: "wasip1", goarch: "wasm", cgo: false, since: 21 },
  { goos: "windows", goarch: "386", cgo: true, firstClass: true },
  { goos: "windows", goarch: "amd64", cgo: true, firstClass: true },
  // Broken in 1.24 and 1.25 (go.dev/issue/68552), removed in 1.26.
  { goos: "windows", goarch: "arm", cgo: false, until: 25, broken: [[24, 25]] },
  { goos: "windows", goarch: "arm64", cgo: true },
];

/**
 * knownMinors are the Go releases whose port table crossgo carries and tests against the real
 * toolchain. Go 1.20 is not in Debian, so it is not claimed; for it, or for a newer Go, crossgo
 * asks the toolchain (`go tool dist list -json -broken`).
 */
export const knownMinors: readonly number[] = [19, 21, 22, 23, 24, 25, 26, 27];

/** currentMinor is the current Go release, crossgo's primary target. */
export const currentMinor = 27;
