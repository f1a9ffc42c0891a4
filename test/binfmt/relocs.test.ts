// Relocations of relocatable objects against binutils: clang-compiled C objects for every
// ELF architecture clang knows (what cgo hands the linker), Go's own go.o from external
// linking, and COFF objects; `readelf -rW` / `objdump -r` are the oracles. Also checks that the
// generated relocation name table has not drifted from Go's sources.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Relocation } from "../../src/binfmt/binary.js";
import { openBinary } from "../../src/binfmt/open.js";
import { withFileSource } from "../../src/cli/commands/inspect.js";
import { generate, outPath } from "./genrelocs.js";
import { cacheRoot, goroot, goRun, writeProgram } from "./gobuild.js";
import { clangObject, hasTool } from "./objects.js";

const have = hasTool;
const tools = have("clang") && have("readelf");
const llvmObjdump = have("llvm-objdump");

/** ElfTriples are the clang targets the test compiles for: every GOARCH family clang 14 has (no loong64). */
const ElfTriples = [
  "x86_64-linux-gnu",
  "i386-linux-gnu",
  "aarch64-linux-gnu",
  "arm-linux-gnueabihf",
  "riscv64-linux-gnu",
  "powerpc64le-linux-gnu",
  "powerpc64-linux-gnu",
  "s390x-linux-gnu",
  "mips-linux-gnu",
  "mipsel-linux-gnu",
  "mips64-linux-gnuabi64",
  "mips64el-linux-gnuabi64",
];
const CoffTriples = ["x86_64-pc-windows-msvc", "i686-pc-windows-msvc", "aarch64-pc-windows-msvc"];

/**
 * BinutilsNames maps the few Go debug/elf names that binutils spells differently: Go keeps the
 * ABI document's _NC suffix on the AArch64 TLS descriptor relocations, readelf drops it.
 */
const BinutilsNames: Readonly<Record<string, string>> = {
  R_AARCH64_TLSDESC_LD64_LO12_NC: "R_AARCH64_TLSDESC_LD64_LO12",
  R_AARCH64_TLSDESC_ADD_LO12_NC: "R_AARCH64_TLSDESC_ADD_LO12",
};

/** MustName is a relocation each non-PIC object must contain, named as Go names it (the list). */
const MustName: Readonly<Record<string, string>> = {
  "x86_64-linux-gnu": "R_X86_64_PC32",
  "aarch64-linux-gnu": "R_AARCH64_CALL26",
  "arm-linux-gnueabihf": "R_ARM_CALL",
  "riscv64-linux-gnu": "R_RISCV_CALL",
  "powerpc64-linux-gnu": "R_PPC64_REL24",
  "s390x-linux-gnu": "R_390_PC32DBL",
  "mips-linux-gnu": "R_MIPS_26",
};

interface Want {
  offset: number;
  type: string;
  symbol: string;
  addend?: number;
}

/** parseReadelf reads `readelf -rW` output into entries (MIPS64 Type2/Type3 lines are ignored). */
function parseReadelf(out: string): Want[] {
  const res: Want[] = [];
  for (const line of out.split("\n")) {
    const m = /^\s*([0-9a-f]{8,16})\s+([0-9a-f]{8,16})\s+(R_\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const rest = (m[4] as string).trim();
    let symbol = "";
    let addend: number | undefined;
    const s = /^(?:[0-9a-f]+\s+)?(.*?)(?:\s+([+-])\s+([0-9a-f]+))?$/.exec(rest);
    if (s) {
      symbol = s[1] ?? "";
      if (s[3] !== undefined) addend = (s[2] === "-" ? -1 : 1) * parseInt(s[3], 16);
    }
    // Without a symbol readelf prints only the addend.
    if (/^[0-9a-f]+$/.test(symbol) && addend === undefined && rest.split(/\s+/).length === 1) {
      addend = parseInt(symbol, 16);
      symbol = "";
    }
    res.push({
      offset: parseInt(m[1] as string, 16),
      type: m[3] as string,
      symbol,
      ...(addend !== undefined ? { addend } : {}),
    });
  }
  return res;
}

/** parseObjdump reads `llvm-objdump -r` output of a COFF object (GNU objdump knows no ARM64 COFF and uses BFD names for i386). */
function parseObjdump(out: string): Want[] {
  const res: Want[] = [];
  for (const line of out.split("\n")) {
    const m = /^([0-9a-f]{8,16})\s+(IMAGE_REL_\S+)\s+(\S*)/.exec(line);
    if (m)
      res.push({
        offset: parseInt(m[1] as string, 16),
        type: m[2] as string,
        symbol: m[3] as string,
      });
  }
  return res;
}

async function ours(path: string): Promise<Relocation[]> {
  return withFileSource(path, async (src) => (await openBinary(src)).relocations());
}

function compare(path: string, got: Relocation[], want: Want[], withAddend: boolean): void {
  assert.equal(
    got.length,
    want.length,
    `${path}: ${got.length} relocations, readelf has ${want.length}`,
  );
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as Relocation;
    const w = want[i] as Want;
    const ctx = `${path} relocation ${i} at 0x${w.offset.toString(16)}`;
    assert.equal(g.offset, w.offset, `${ctx}: offset`);
    assert.equal(BinutilsNames[g.typeName] ?? g.typeName, w.type, `${ctx}: type`);
    if (w.symbol !== "") assert.equal(g.symbol, w.symbol, `${ctx}: symbol`);
    if (withAddend && w.addend !== undefined)
      assert.equal(g.addend ?? 0, w.addend, `${ctx}: addend`);
  }
}

describe(
  `relocations against readelf -r and llvm-objdump -r${tools ? "" : " (SKIPPED: clang or readelf missing)"}`,
  { skip: !tools },
  () => {
    for (const t of ElfTriples) {
      for (const pic of ["-fPIC", "-fno-pic"]) {
        it(`ELF ${t} ${pic}`, async () => {
          const o = await clangObject(t, pic);
          const want = parseReadelf(execFileSync("readelf", ["-rW", o], { encoding: "utf8" }));
          assert.ok(want.length > 3, `readelf found only ${want.length} relocations in ${o}`);
          const got = await ours(o);
          compare(o, got, want, true);
          const named = pic === "-fno-pic" ? MustName[t] : undefined;
          if (named)
            assert.ok(
              got.some((r) => r.typeName === named),
              `${o} has a ${named}`,
            );
        });
      }
    }

    for (const t of CoffTriples) {
      it(
        `COFF ${t}${llvmObjdump ? "" : " (SKIPPED: no llvm-objdump; GNU objdump knows no ARM64 COFF)"}`,
        { skip: !llvmObjdump },
        async () => {
          const o = await clangObject(t);
          const want = parseObjdump(execFileSync("llvm-objdump", ["-r", o], { encoding: "utf8" }));
          assert.ok(want.length > 3, `llvm-objdump found only ${want.length} relocations in ${o}`);
          compare(o, await ours(o), want, false);
        },
      );
    }

    it(
      `Go's go.o and the cgo objects of -linkmode=external (linux/amd64)${have("gcc") ? "" : " (SKIPPED: no gcc)"}`,
      { skip: !have("gcc") },
      async () => {
        const tmp = join(cacheRoot, "extlink");
        const goo = join(tmp, "go.o");
        if (!existsSync(goo)) {
          const src = await writeProgram();
          await mkdir(tmp, { recursive: true });
          // -extld=/bin/true links nothing, so go build then fails to find its output; the objects
          // it handed the "external linker" stay in -tmpdir.
          await goRun(
            27,
            [
              "build",
              "-o",
              join(tmp, "out"),
              `-ldflags=-linkmode=external -extld=/bin/true -tmpdir=${tmp}`,
              ".",
            ],
            {
              cwd: join(src, "cgo"),
              env: { CGO_ENABLED: "1", GOOS: "linux", GOARCH: "amd64" },
            },
          ).catch((e: unknown) => {
            if (!existsSync(goo)) throw e;
          });
        }
        const objs = [
          goo,
          ...readdirSync(tmp)
            .filter((f) => /^\d+\.o$/.test(f))
            .map((f) => join(tmp, f)),
        ];
        let total = 0;
        for (const o of objs) {
          const want = parseReadelf(
            execFileSync("readelf", ["-rW", o], { encoding: "utf8", maxBuffer: 256 << 20 }),
          );
          compare(o, await ours(o), want, true);
          total += want.length;
        }
        assert.ok(
          total > 1000,
          `readelf found only ${total} relocations in ${objs.length} objects`,
        );
      },
    );
  },
);

describe("generated relocation names", () => {
  it(
    `relocnames.ts matches Go 1.27's debug/elf and loadpe${goroot(27) ? "" : " (SKIPPED: Go 1.27 missing)"}`,
    { skip: !goroot(27) },
    () => {
      assert.equal(
        readFileSync(outPath, "utf8"),
        generate(goroot(27) as string),
        "run: node --import tsx test/binfmt/genrelocs.ts",
      );
    },
  );
});
