// The GOOS and GOARCH names go/build knows, per Go version (go/build/syslist.go up to Go 1.23,
// internal/syslist/syslist.go from Go 1.24). A file name suffix or build tag that is a known
// name is a platform constraint; any other suffix is just part of the name. The lists are the
// same in every release from Go 1.21 on; test/load/syslist.test.ts checks them against each
// installed toolchain's source.

/** KNOWN_OS is every GOOS value go/build recognises in file names (Go 1.21 and later). */
export const KNOWN_OS: ReadonlySet<string> = new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "hurd",
  "illumos",
  "ios",
  "js",
  "linux",
  "nacl",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "wasip1", // added in Go 1.21 (https://go.dev/issue/58141)
  "windows",
  "zos",
]);

/** UNIX_OS is the set of GOOS values the "unix" build tag matches (Go 1.19 and later). */
export const UNIX_OS: ReadonlySet<string> = new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "hurd",
  "illumos",
  "ios",
  "linux",
  "netbsd",
  "openbsd",
  "solaris",
]);

/** KNOWN_ARCH is every GOARCH value go/build recognises in file names (Go 1.19 and later). */
export const KNOWN_ARCH: ReadonlySet<string> = new Set([
  "386",
  "amd64",
  "amd64p32",
  "arm",
  "armbe",
  "arm64",
  "arm64be",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "mips64p32",
  "mips64p32le",
  "ppc",
  "ppc64",
  "ppc64le",
  "riscv",
  "riscv64",
  "s390",
  "s390x",
  "sparc",
  "sparc64",
  "wasm",
]);

const KNOWN_OS_GO119: ReadonlySet<string> = new Set([...KNOWN_OS].filter((os) => os !== "wasip1"));

/** SysList is the set of known names of one Go release. */
export interface SysList {
  knownOS: ReadonlySet<string>;
  knownArch: ReadonlySet<string>;
  unixOS: ReadonlySet<string>;
}

/** sysList returns the known GOOS/GOARCH names of Go 1.minor. */
export function sysList(minor: number): SysList {
  return {
    knownOS: minor < 21 ? KNOWN_OS_GO119 : KNOWN_OS,
    knownArch: KNOWN_ARCH,
    unixOS: UNIX_OS,
  };
}
