/**
 * Facts about each GOARCH, as in src/internal/goarch/zgoarch_*.go and cmd/internal/sys/arch.go.
 */

/** ArchInfo is what crossgo needs to know of one GOARCH. */
export interface ArchInfo {
  ptrSize: 4 | 8;
  byteOrder: "little" | "big";
  subarchVar?: SubarchVar; // the GO$GOARCH-style variable that refines it
}

/** subarchVars are the sub-architecture variables of internal/buildcfg. */
export const subarchVars = [
  "GO386",
  "GOAMD64",
  "GOARM",
  "GOARM64",
  "GOMIPS",
  "GOMIPS64",
  "GOPPC64",
  "GORISCV64",
  "GOWASM",
] as const;

/** SubarchVar names one of {@link subarchVars}. */
export type SubarchVar = (typeof subarchVars)[number];

/** archInfo is the per-GOARCH table. */
export const archInfo: Readonly<Record<string, ArchInfo>> = {
  "386": { ptrSize: 4, byteOrder: "little", subarchVar: "GO386" },
  amd64: { ptrSize: 8, byteOrder: "little", subarchVar: "GOAMD64" },
  arm: { ptrSize: 4, byteOrder: "little", subarchVar: "GOARM" },
  arm64: { ptrSize: 8, byteOrder: "little", subarchVar: "GOARM64" },
  loong64: { ptrSize: 8, byteOrder: "little" },
  mips: { ptrSize: 4, byteOrder: "big", subarchVar: "GOMIPS" },
  mipsle: { ptrSize: 4, byteOrder: "little", subarchVar: "GOMIPS" },
  mips64: { ptrSize: 8, byteOrder: "big", subarchVar: "GOMIPS64" },
  mips64le: { ptrSize: 8, byteOrder: "little", subarchVar: "GOMIPS64" },
  ppc64: { ptrSize: 8, byteOrder: "big", subarchVar: "GOPPC64" },
  ppc64le: { ptrSize: 8, byteOrder: "little", subarchVar: "GOPPC64" },
  riscv64: { ptrSize: 8, byteOrder: "little", subarchVar: "GORISCV64" },
  s390x: { ptrSize: 8, byteOrder: "big" },
  sparc64: { ptrSize: 8, byteOrder: "big" },
  wasm: { ptrSize: 8, byteOrder: "little", subarchVar: "GOWASM" },
};

/** ObjectFormat is the container cmd/link writes for a GOOS. */
export type ObjectFormat = "elf" | "pe" | "macho" | "wasm" | "xcoff" | "plan9";

/** objectFormat returns the format cmd/link emits for goos (cmd/link/internal/ld's HeadType). */
export function objectFormat(goos: string): ObjectFormat {
  switch (goos) {
    case "windows":
      return "pe";
    case "darwin":
    case "ios":
      return "macho";
    case "js":
    case "wasip1":
      return "wasm";
    case "aix":
      return "xcoff";
    case "plan9":
      return "plan9";
    default:
      return "elf"; // linux, android, *bsd, dragonfly, solaris, illumos
  }
}
