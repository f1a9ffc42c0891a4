// Machine numbers of every format, mapped to GOARCH. One table per format; the readers only
// look things up here.

/** ElfMachine maps e_machine to a name and the GOARCH it means (class and byte order pick variants). */
export const ElfMachine: Readonly<
  Record<
    number,
    { name: string; goarch: (class64: boolean, little: boolean) => string | undefined }
  >
> = {
  3: { name: "EM_386", goarch: () => "386" },
  8: {
    name: "EM_MIPS",
    goarch: (c64, le) => (c64 ? (le ? "mips64le" : "mips64") : le ? "mipsle" : "mips"),
  },
  20: { name: "EM_PPC", goarch: () => undefined }, // 32-bit PowerPC: no Go port
  21: { name: "EM_PPC64", goarch: (_c, le) => (le ? "ppc64le" : "ppc64") },
  22: { name: "EM_S390", goarch: (c64) => (c64 ? "s390x" : undefined) },
  40: { name: "EM_ARM", goarch: () => "arm" },
  43: { name: "EM_SPARCV9", goarch: () => "sparc64" }, // gccgo only
  62: { name: "EM_X86_64", goarch: (c64) => (c64 ? "amd64" : undefined) }, // 32-bit x32 has no Go port
  183: { name: "EM_AARCH64", goarch: () => "arm64" },
  243: { name: "EM_RISCV", goarch: (c64) => (c64 ? "riscv64" : undefined) },
  258: { name: "EM_LOONGARCH", goarch: (c64) => (c64 ? "loong64" : undefined) },
};

/** PeMachine maps the COFF Machine field to a name and GOARCH. */
export const PeMachine: Readonly<Record<number, { name: string; goarch: string | undefined }>> = {
  0x14c: { name: "IMAGE_FILE_MACHINE_I386", goarch: "386" },
  0x8664: { name: "IMAGE_FILE_MACHINE_AMD64", goarch: "amd64" },
  0x1c4: { name: "IMAGE_FILE_MACHINE_ARMNT", goarch: "arm" },
  0x1c0: { name: "IMAGE_FILE_MACHINE_ARM", goarch: "arm" },
  0xaa64: { name: "IMAGE_FILE_MACHINE_ARM64", goarch: "arm64" },
  0x5064: { name: "IMAGE_FILE_MACHINE_RISCV64", goarch: "riscv64" },
  0x6264: { name: "IMAGE_FILE_MACHINE_LOONGARCH64", goarch: "loong64" },
};

/** MachoCpu maps cputype to a name and GOARCH. */
export const MachoCpu: Readonly<Record<number, { name: string; goarch: string }>> = {
  7: { name: "CPU_TYPE_X86", goarch: "386" },
  0x01000007: { name: "CPU_TYPE_X86_64", goarch: "amd64" },
  12: { name: "CPU_TYPE_ARM", goarch: "arm" },
  0x0100000c: { name: "CPU_TYPE_ARM64", goarch: "arm64" },
  18: { name: "CPU_TYPE_POWERPC", goarch: "ppc" },
  0x01000012: { name: "CPU_TYPE_POWERPC64", goarch: "ppc64" },
};

/** Plan9Magic maps an a.out magic to a name and GOARCH (debug/plan9obj's Magic386, MagicAMD64, MagicARM). */
export const Plan9Magic: Readonly<
  Record<number, { name: string; goarch: string; class: 32 | 64 }>
> = {
  0x01eb: { name: "Magic386", goarch: "386", class: 32 },
  0x8a97: { name: "MagicAMD64", goarch: "amd64", class: 64 },
  0x0647: { name: "MagicARM", goarch: "arm", class: 32 },
};
