// What the readers tell, against binutils and LLVM: ELF entry, sections, program headers,
// interpreter and DT_NEEDED (readelf), PE sections and entry (objdump), Mach-O segments,
// sections, dylibs and code signature (llvm-objdump --macho), for the default port set.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { before, describe, it } from "node:test";
import type { BinaryInfo } from "../../src/binfmt/binary.js";
import { openBinary } from "../../src/binfmt/open.js";
import { withFileSource } from "../../src/cli/commands/inspect.js";
import { buildBinary, DefaultPorts, mapLimit } from "./gobuild.js";
import type { BuildSpec } from "./gobuild.js";
import { hasTool } from "./objects.js";

const tools = hasTool("readelf") && hasTool("objdump");
const llvmObjdump = hasTool("llvm-objdump");
const sh = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20 });

async function info(path: string): Promise<BinaryInfo> {
  return withFileSource(path, async (src) => (await openBinary(src)).info);
}

const specs: BuildSpec[] = DefaultPorts.flatMap((t) => {
  const [goos, goarch] = t.split("/") as [string, string];
  return [{ minor: 27, goos, goarch }];
});
specs.push({ minor: 27, goos: "linux", goarch: "amd64", cgo: true });

describe(
  `readers against readelf, objdump and llvm-objdump${tools ? "" : " (SKIPPED: binutils missing)"}`,
  { skip: !tools },
  () => {
    const built: [BuildSpec, string][] = [];
    before(async () => {
      const paths = await mapLimit(specs, 2, buildBinary);
      specs.forEach((s, i) => built.push([s, paths[i] as string]));
    });

    it("every format was checked", async () => {
      const formats = new Set<string>();
      for (const [, f] of built) formats.add((await info(f)).format);
      for (const fmt of ["elf", "pe", "macho"]) assert.ok(formats.has(fmt), fmt);
    });

    it("ELF: entry, section names, program headers, interpreter, DT_NEEDED", async () => {
      for (const [, f] of built) {
        const i = await info(f);
        if (i.format !== "elf") continue;
        const entry = /Entry point address:\s+0x([0-9a-f]+)/.exec(sh("readelf", ["-hW", f]))?.[1];
        assert.equal(i.entry, parseInt(entry ?? "", 16), `entry of ${f}`);
        const sects = [
          ...sh("readelf", ["-SW", f]).matchAll(/^\s+\[\s*\d+\]\s+(\S*)\s+[A-Z_]+\s/gm),
        ]
          .map((m) => m[1])
          .slice(1);
        assert.ok(sects.length > 10, `readelf listed ${sects.length} sections of ${f}`);
        assert.deepEqual(
          i.sections.map((s) => s.name),
          sects,
          `sections of ${f}`,
        );
        const phdrs = sh("readelf", ["-lW", f]);
        const loads = [
          ...phdrs.matchAll(
            /^\s+LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)/gm,
          ),
        ].map((m) => m.slice(1).map((x) => parseInt(x, 16)));
        assert.deepEqual(
          i.segments
            .filter((s) => s.name === "PT_LOAD")
            .map((s) => [s.offset, s.addr, s.fileSize, s.memSize]),
          loads,
          `PT_LOAD of ${f}`,
        );
        assert.equal(
          i.interp,
          /program interpreter: ([^\]]+)\]/.exec(phdrs)?.[1],
          `interpreter of ${f}`,
        );
        const needed = [
          ...sh("readelf", ["-dW", f]).matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g),
        ].map((m) => m[1]);
        assert.deepEqual(
          i.needed.map((n) => n.name),
          needed,
          `DT_NEEDED of ${f}`,
        );
      }
    });

    it("PE: section names, addresses and entry point", async () => {
      for (const [, f] of built) {
        const i = await info(f);
        if (i.format !== "pe") continue;
        const out = sh("objdump", ["-h", f]);
        const sects = [...out.matchAll(/^\s+\d+\s+(\S+)\s+[0-9a-f]+\s+([0-9a-f]+)\s/gm)].map(
          (m) => [m[1], parseInt(m[2] as string, 16)],
        );
        assert.ok(sects.length > 5, `objdump listed ${sects.length} sections of ${f}`);
        assert.deepEqual(
          i.sections.map((s) => [s.name, s.addr]),
          sects,
          `sections of ${f}`,
        );
        const start = /start address 0x([0-9a-f]+)/.exec(sh("objdump", ["-f", f]))?.[1];
        assert.equal(i.entry, parseInt(start ?? "", 16), `entry of ${f}`);
        assert.equal(i.subsystem, "windows-cui");
      }
    });

    it(
      `Mach-O: segments, sections, dylibs, dyld and code signature${llvmObjdump ? "" : " (SKIPPED: no llvm-objdump)"}`,
      { skip: !llvmObjdump },
      async () => {
        for (const [, f] of built) {
          const i = await info(f);
          if (i.format !== "macho") continue;
          const out = sh("llvm-objdump", ["--macho", "--private-headers", f]);
          assert.ok(i.segments.length >= 4, `segments of ${f}`);
          assert.deepEqual(
            i.segments.map((s) => s.name),
            [...out.matchAll(/^\s+cmd LC_SEGMENT_64\n\s+cmdsize \d+\n\s+segname (\S+)/gm)].map(
              (m) => m[1],
            ),
            `segments of ${f}`,
          );
          assert.deepEqual(
            i.sections.map((s) => s.name),
            [...out.matchAll(/^\s*sectname (\S+)/gm)].map((m) => m[1]),
            `sections of ${f}`,
          );
          const dylibs = [...out.matchAll(/cmd LC_LOAD_DYLIB\n\s+cmdsize \d+\n\s+name (\S+)/g)].map(
            (m) => m[1],
          );
          assert.deepEqual(
            i.needed.map((n) => n.name),
            dylibs,
            `dylibs of ${f}`,
          );
          assert.equal(
            i.interp,
            /cmd LC_LOAD_DYLINKER\n\s+cmdsize \d+\n\s+name (\S+)/.exec(out)?.[1],
            `dyld of ${f}`,
          );
          assert.equal(
            i.codeSignature,
            out.includes("cmd LC_CODE_SIGNATURE"),
            `code signature of ${f}`,
          );
        }
      },
    );
  },
);
