import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { portTable, resolveTarget } from "../../src/platform/index.js";
import { run } from "../../src/process/run.js";
import { hostPlatform } from "../../src/toolchain/discover.js";
import { pool } from "../support/toolchains.js";

// Each port's GNU/LLVM triple, checked with a real compiler: clang compiles an empty C file for
// the triple and `file` reads the object, which must have the port's format, word size,
// byte order and machine.

const machine: Record<string, RegExp> = {
  "386": /Intel 80386|Intel i386/,
  amd64: /x86-64|amd64|x86_64/,
  arm: /ARM(?!.*aarch64)|ARMv7/,
  arm64: /aarch64|arm64/i,
  mips: /MIPS/,
  mipsle: /MIPS/,
  mips64: /MIPS/,
  mips64le: /MIPS/,
  ppc64: /PowerPC/,
  ppc64le: /PowerPC/,
  riscv64: /RISC-V/,
  s390x: /S\/390/,
  sparc64: /SPARC/,
  wasm: /WebAssembly/,
};

const formatOf = (desc: string) =>
  desc.startsWith("ELF")
    ? "elf"
    : desc.includes("COFF")
      ? "pe"
      : desc.startsWith("Mach-O")
        ? "macho"
        : desc.startsWith("WebAssembly")
          ? "wasm"
          : desc;

describe("triples", () => {
  it("clang builds an object of the port's format, size, byte order and machine", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crossgo-triple-"));
    const checked: string[] = [];
    await pool(portTable(27), 4, async (p) => {
      const t = resolveTarget(`${p.GOOS}/${p.GOARCH}`);
      if (t.triple === undefined) {
        assert.equal(p.GOOS, "plan9", "only plan9 has no C toolchain triple");
        return;
      }
      // LLVM 14 (Debian bookworm's clang) has no LoongArch backend and cannot write 64-bit
      // XCOFF: for those the triple is only checked for the assembly step (aix) or not at all.
      if (p.GOARCH === "loong64") return;
      const obj = join(dir, `${p.GOOS}_${p.GOARCH}.o`);
      const emit = p.GOOS === "aix" ? ["-S"] : ["-c", "-fintegrated-as"];
      const c = await run("clang", [
        `--target=${t.triple}`,
        ...emit,
        "-x",
        "c",
        "/dev/null",
        "-o",
        obj,
      ]);
      assert.equal(c.code, 0, `${t.name}: clang --target=${t.triple}: ${c.stderr}`);
      checked.push(t.name);
      if (p.GOOS === "aix") return;
      const f = await run("file", ["-b", obj]);
      const desc = f.stdout.trim();
      assert.equal(formatOf(desc), t.objectFormat, `${t.name} (${t.triple}): ${desc}`);
      assert.match(desc, machine[p.GOARCH]!, `${t.name} (${t.triple}): ${desc}`);
      if (t.objectFormat === "elf") {
        assert.match(
          desc,
          new RegExp(`^ELF ${t.ptrSize * 8}-bit ${t.byteOrder === "big" ? "MSB" : "LSB"}`),
          `${t.name}: ${desc}`,
        );
      }
      if (t.objectFormat === "macho") assert.match(desc, new RegExp(`Mach-O ${t.ptrSize * 8}-bit`));
    });
    assert.ok(checked.length >= 40, `checked ${checked.length} triples`);
  });

  it("Node's names for this machine are Node's own", () => {
    const h = hostPlatform();
    const t = resolveTarget(`${h.goos}/${h.goarch}`);
    assert.deepEqual(t.node, { platform: process.platform, arch: process.arch });
  });
});
