/**
 * Names other toolchains use for a Go port: the GNU/LLVM target triple (what Debian's
 * gcc-<triple> packages, binutils and `clang --target` take), the `zig cc -target` name, and
 * Node's process.platform/process.arch where Node runs on the port.
 */

/** cpu names per GOARCH as GNU and LLVM spell them. */
const gnuCPU: Readonly<Record<string, string>> = {
  "386": "i686",
  amd64: "x86_64",
  arm: "arm",
  arm64: "aarch64",
  loong64: "loongarch64",
  mips: "mips",
  mipsle: "mipsel",
  mips64: "mips64",
  mips64le: "mips64el",
  ppc64: "powerpc64",
  ppc64le: "powerpc64le",
  riscv64: "riscv64",
  s390x: "s390x",
  sparc64: "sparc64",
  wasm: "wasm32",
};

/**
 * linuxARM is arm's Linux triple: gnueabihf (Debian's armhf) for GOARM=7; gnueabi (armel) for
 * GOARM=5 and 6 and ",softfloat", since armhf's toolchain and libraries are ARMv7 code.
 */
function linuxARM(goarm: string): string {
  return goarm.startsWith("5") || goarm.startsWith("6") || goarm.includes("softfloat")
    ? "arm-linux-gnueabi"
    : "arm-linux-gnueabihf";
}

/**
 * triple returns the GNU/LLVM target triple for a port, or undefined where no C toolchain
 * targets it (plan9). goarm selects arm's float ABI: GOARM=5 is soft-float (gnueabi).
 */
export function triple(goos: string, goarch: string, goarm = "7"): string | undefined {
  const cpu = gnuCPU[goarch];
  if (cpu === undefined) return undefined;
  switch (goos) {
    case "linux":
      if (goarch === "arm") return linuxARM(goarm);
      if (goarch === "mips64" || goarch === "mips64le") return `${cpu}-linux-gnuabi64`;
      return `${cpu}-linux-gnu`;
    case "android":
      if (goarch === "arm") return "armv7a-linux-androideabi";
      return `${cpu}-linux-android`;
    case "windows":
      return goarch === "arm" ? "armv7-w64-mingw32" : `${cpu}-w64-mingw32`;
    case "darwin":
      return `${cpu}-apple-darwin`;
    case "ios":
      return goarch === "amd64" ? "x86_64-apple-ios-simulator" : `${cpu}-apple-ios`;
    case "freebsd":
      return goarch === "arm"
        ? "armv6-unknown-freebsd-gnueabihf"
        : `${goarch === "386" ? "i386" : cpu}-unknown-freebsd`;
    case "netbsd":
      return goarch === "arm"
        ? "armv6-unknown-netbsdelf-eabihf"
        : `${goarch === "386" ? "i486" : cpu}-unknown-netbsd`;
    case "openbsd":
      return goarch === "arm"
        ? "armv7-unknown-openbsd"
        : `${goarch === "386" ? "i386" : cpu}-unknown-openbsd`;
    case "dragonfly":
      return `${cpu}-unknown-dragonfly`;
    case "solaris":
      return `${cpu}-pc-solaris2.11`;
    case "illumos":
      return `${cpu}-unknown-illumos`;
    case "aix":
      return "powerpc64-ibm-aix7.2";
    case "js":
      return "wasm32-unknown-unknown";
    case "wasip1":
      return "wasm32-wasip1";
    default:
      return undefined; // plan9: no C toolchain targets it
  }
}

const zigCPU: Readonly<Record<string, string>> = { ...gnuCPU, "386": "x86" };

/** zigTarget returns the `zig cc -target` name for a port, or undefined where zig has none. */
export function zigTarget(goos: string, goarch: string, goarm = "7"): string | undefined {
  const cpu = zigCPU[goarch];
  if (cpu === undefined) return undefined;
  switch (goos) {
    case "linux":
      if (goarch === "arm") return linuxARM(goarm);
      if (goarch === "mips" || goarch === "mipsle") return `${cpu}-linux-gnueabihf`;
      if (goarch === "mips64" || goarch === "mips64le") return `${cpu}-linux-gnuabi64`;
      return `${cpu}-linux-gnu`;
    case "android":
      return goarch === "arm" ? "arm-linux-androideabi" : `${cpu}-linux-android`;
    case "windows":
      return goarch === "arm" ? "thumb-windows-gnu" : `${cpu}-windows-gnu`;
    case "darwin":
      return `${cpu}-macos`;
    case "ios":
      return goarch === "amd64" ? "x86_64-ios-simulator" : `${cpu}-ios`;
    case "freebsd":
      return goarch === "arm" ? "arm-freebsd-eabihf" : `${cpu}-freebsd`;
    case "netbsd":
      return goarch === "arm" ? "arm-netbsd-eabihf" : `${cpu}-netbsd`;
    case "openbsd":
    case "dragonfly":
    case "solaris":
    case "illumos":
      return `${cpu}-${goos}`;
    case "aix":
      return "powerpc64-aix";
    case "js":
      return "wasm32-freestanding";
    case "wasip1":
      return "wasm32-wasi";
    default:
      return undefined;
  }
}

/** NodePlatform is where Node.js runs: process.platform and process.arch. */
export interface NodePlatform {
  platform: string;
  arch: string;
}

const nodeArch: Readonly<Record<string, string>> = {
  "386": "ia32",
  amd64: "x64",
  arm: "arm",
  arm64: "arm64",
  loong64: "loong64",
  ppc64le: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
};

const nodeOS: Readonly<Record<string, string>> = {
  linux: "linux",
  android: "android",
  darwin: "darwin",
  windows: "win32",
  freebsd: "freebsd",
  openbsd: "openbsd",
  netbsd: "netbsd",
  aix: "aix",
  solaris: "sunos",
  illumos: "sunos",
};

/**
 * nodePlatform returns Node's names for a port, or undefined where Node does not run
 * (plan9, wasm, big-endian ppc64 and mips on Linux, ...). aix/ppc64 is Node's "aix"/"ppc64".
 */
export function nodePlatform(goos: string, goarch: string): NodePlatform | undefined {
  const platform = nodeOS[goos];
  if (platform === undefined) return undefined;
  if (goos === "aix") return goarch === "ppc64" ? { platform, arch: "ppc64" } : undefined;
  const arch = nodeArch[goarch];
  if (arch === undefined) return undefined;
  if (arch === "ppc64" && goos !== "linux") return undefined;
  return { platform, arch };
}

/**
 * goPlatform is the inverse of {@link nodePlatform}: the GOOS/GOARCH of a machine Node
 * describes as process.platform/process.arch ("win32"/"x64" is windows/amd64). Node names
 * solaris and illumos alike ("sunos"); it reads as solaris. Unknown names pass through.
 */
export function goPlatform(platform: string, arch: string): { goos: string; goarch: string } {
  const goos = Object.keys(nodeOS).find((k) => nodeOS[k] === platform) ?? platform;
  if (goos === "aix" && arch === "ppc64") return { goos, goarch: "ppc64" };
  // Node also builds for little-endian mips, where no Go port of Node's runs.
  const goarch =
    Object.keys(nodeArch).find((k) => nodeArch[k] === arch) ??
    (arch === "mipsel" ? "mipsle" : arch);
  return { goos, goarch };
}
