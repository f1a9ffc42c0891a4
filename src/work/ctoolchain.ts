// C toolchains for cgo: which C compiler builds a target, chosen the way a user hopes
// (CC_FOR_<goos>_<goarch> as cmd/dist names it, then CC, then the host's default CC, Debian's
// cross gcc, mingw-w64, clang with a Debian cross sysroot), and, when there is none, the one
// sentence that says what to install.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedTarget } from "../platform/index.js";
import { lookPath } from "../process/lookpath.js";
import { run } from "../process/run.js";
import type { Goroot } from "../toolchain/goroot.js";
import { splitQuoted } from "./toolargs.js";

/** CToolchain is the C (and C++) compiler chosen for one target. */
export interface CToolchain {
  cc: string[]; // the command and its leading arguments, as CC would be split
  cxx: string[];
  how: string; // why this one: "CC_FOR_linux_arm64", "CC", "Debian cross gcc", ...
  path: string; // where cc[0] is
  sysroot?: string; // the target's headers and libraries
}

/** CToolchainChoice is a toolchain, or the sentence that says how to get one. */
export type CToolchainChoice = { toolchain: CToolchain } | { missing: string };

// debianPackage is the gcc-<triple> package name: Debian writes x86_64 as x86-64.
const debianPackage = (triple: string) => `gcc-${triple.replaceAll("_", "-")}`;

// mingwCPU is the mingw-w64 cpu of a windows GOARCH Debian has a cross gcc for.
const mingwCPU: Readonly<Record<string, string>> = { amd64: "x86_64", "386": "i686" };

/**
 * findCToolchain chooses the C toolchain for t: CC_FOR_<goos>_<goarch> (and CXX_FOR_...),
 * CC (and CXX), the toolchain's default CC for the host target, Debian's <triple>-gcc,
 * mingw-w64 for windows/amd64 and windows/386, clang --target=<triple> with the Debian cross
 * sysroot /usr/<triple>. Without one it says what to install, or what the user must provide.
 */
export function findCToolchain(
  t: ResolvedTarget,
  gr: Goroot,
  env: Record<string, string | undefined>,
): CToolchainChoice {
  const PATH = env.PATH ?? "";
  const key = `${t.goos}_${t.goarch}`;
  const given = (ccVar: string, cxxVar: string): CToolchainChoice | undefined => {
    const cc = env[ccVar]?.trim();
    if (!cc) return undefined;
    const argv = splitQuoted(cc);
    const path = lookPath(argv[0] ?? "", PATH);
    if (path === undefined)
      return { missing: `${ccVar}=${cc}: ${argv[0] ?? ""} is not on PATH (${t.name})` };
    const cxx = env[cxxVar]?.trim();
    return {
      toolchain: { cc: argv, cxx: cxx ? splitQuoted(cxx) : cxxFor(argv), how: ccVar, path },
    };
  };
  if (!t.port.CgoSupported) return { missing: `cgo is not supported on ${t.name}` };
  const chosen = given(`CC_FOR_${key}`, `CXX_FOR_${key}`) ?? given("CC", "CXX");
  if (chosen) return chosen;
  const found = (cc: string[], cxx: string[], how: string, sysroot?: string) => {
    const path = lookPath(cc[0] ?? "", PATH);
    if (path === undefined) return undefined;
    const tc: CToolchain = { cc, cxx, how, path };
    if (sysroot !== undefined) tc.sysroot = sysroot;
    return { toolchain: tc };
  };
  if (t.goos === gr.hostOS && t.goarch === gr.hostArch) {
    const cc = gr.defaultCC(t.goos, t.goarch);
    const host = found([cc], [gr.defaultCXX(t.goos, t.goarch)], "the host's default CC");
    if (host) return host;
  }
  const triple = t.triple;
  if (t.goos === "linux" && triple !== undefined) {
    const gcc = found([`${triple}-gcc`], [`${triple}-g++`], "Debian cross gcc", `/usr/${triple}`);
    if (gcc) return gcc;
  }
  const mingw = t.goos === "windows" ? mingwCPU[t.goarch] : undefined;
  if (mingw !== undefined) {
    const gcc = found([`${mingw}-w64-mingw32-gcc`], [`${mingw}-w64-mingw32-g++`], "mingw-w64");
    if (gcc) return gcc;
  }
  if (t.goos === "linux" && triple !== undefined && existsSync(`/usr/${triple}/include`)) {
    const target = [`--target=${triple}`, "-fuse-ld=lld"];
    const clang = found(
      ["clang", ...target],
      ["clang++", ...target],
      `clang with the Debian cross sysroot /usr/${triple}`,
      `/usr/${triple}`,
    );
    if (clang) return clang;
  }
  return { missing: missingSentence(t, triple) };
}

// cxxFor is the C++ compiler beside a C compiler: g++ for gcc, clang++ for clang.
function cxxFor(cc: readonly string[]): string[] {
  const [cmd = "", ...rest] = cc;
  const cxx = cmd.replace(/gcc(-[\d.]+)?$/, "g++$1").replace(/clang(-[\d.]+)?$/, "clang++$1");
  return [cxx, ...rest];
}

// missingSentence says what gives t a C toolchain: a Debian package, or what the user must
// provide where Debian has none.
function missingSentence(t: ResolvedTarget, triple: string | undefined): string {
  const set = `or set CC_FOR_${t.goos}_${t.goarch}`;
  if (t.goos === "linux" && triple !== undefined)
    return `no C compiler for ${t.name}: apt-get install ${debianPackage(triple)} (${set})`;
  if (t.goos === "windows" && mingwCPU[t.goarch] !== undefined)
    return `no C compiler for ${t.name}: apt-get install gcc-mingw-w64 (${set})`;
  if (t.goos === "darwin" || t.goos === "ios")
    return `no C compiler for ${t.name}: it needs clang or zig and an Apple SDK (SDKROOT), which Debian does not package; ${set}`;
  return `no C compiler for ${t.name}: it needs a cross compiler and a sysroot for ${t.goos}, which Debian does not package; ${set}`;
}

/** CToolchainFacts are what `crossgo doctor` shows of a toolchain: its version and libc. */
export interface CToolchainFacts {
  version: string; // the first line of `cc --version`
  glibc?: string; // the sysroot's glibc ("2.36"), for linux targets
}

/** describeCToolchain runs `cc --version` and reads the sysroot's glibc version. */
export async function describeCToolchain(
  tc: CToolchain,
  t: ResolvedTarget,
  env: Record<string, string | undefined>,
): Promise<CToolchainFacts> {
  const [cmd = "", ...args] = tc.cc;
  const r = await run(cmd, [...args, "--version"], { env });
  const facts: CToolchainFacts = { version: r.stdout.split("\n")[0]?.trim() ?? "" };
  if (t.goos === "linux") {
    const triple = t.triple ?? "";
    const libc = [
      ...(tc.sysroot !== undefined ? [join(tc.sysroot, "lib", "libc.so.6")] : []),
      join("/lib", triple, "libc.so.6"),
      join("/usr/lib", triple, "libc.so.6"),
    ].find((p) => existsSync(p));
    const v = libc !== undefined ? glibcVersion(readFileSync(libc)) : undefined;
    if (v !== undefined) facts.glibc = v;
  }
  return facts;
}

/** glibcVersion reads the release a libc.so.6 announces ("... release version 2.36"). */
export function glibcVersion(libc: Uint8Array): string | undefined {
  const text = Buffer.from(libc).toString("latin1");
  return /GNU C Library [^\n]*?release version (\d+\.\d+)/.exec(text)?.[1];
}
