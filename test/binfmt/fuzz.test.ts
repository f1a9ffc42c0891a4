// Fuzzing in the default run: thousands of seeded mutations of real binaries of every format;
// readers may only fail with their typed errors, must not loop (a read budget) and must not
// read more than a bounded multiple of the input. bench/fuzz.ts runs a million cases.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { before, describe, it } from "node:test";
import { buildBinary, mapLimit } from "./gobuild.js";
import { fuzz, FuzzCorpus, FuzzObjects } from "./fuzz.js";
import { clangObject, hasTool } from "./objects.js";
import type { ReadStats } from "./fuzz.js";

const casesPerBinary = Number(process.env.CROSSGO_FUZZ_CASES ?? 1000);
const seed = Number(process.env.CROSSGO_FUZZ_SEED ?? 1);

describe(`fuzzing the readers (${FuzzCorpus.length} binaries + ${hasTool("clang") ? FuzzObjects.length : "0 (no clang)"} objects x ${casesPerBinary} cases, seed ${seed})`, () => {
  const corpus: { name: string; bytes: Uint8Array }[] = [];
  before(async () => {
    const paths = await mapLimit(FuzzCorpus, 2, buildBinary);
    // Relocatable objects exercise the relocation readers (ELF REL and RELA, MIPS64, COFF).
    if (hasTool("clang")) for (const [t, pic] of FuzzObjects) paths.push(await clangObject(t, pic));
    for (const p of paths) corpus.push({ name: p, bytes: new Uint8Array(await readFile(p)) });
  });

  it("only typed errors, bounded reads, no runaway loops", async () => {
    let worst = 0;
    const size = Math.max(...corpus.map((c) => c.bytes.length));
    const fails = await fuzz(corpus, casesPerBinary, seed, (s: ReadStats) => {
      worst = Math.max(worst, s.bytes);
    });
    assert.deepEqual(fails, [], `replay with CROSSGO_FUZZ_SEED and the case seed`);
    // Build info search reads the data section once in 1 MiB chunks; nothing rereads the file.
    assert.ok(worst <= 4 * size + (8 << 20), `a case read ${worst} bytes of a ${size}-byte input`);
  });
});
