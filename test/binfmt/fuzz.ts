// Seeded mutation fuzzer for the binary readers, shared by fuzz.test.ts (thousands of cases)
// and bench/fuzz.ts (a million). A case mutates a real binary (truncation, byte flips, header
// fields set to huge or edge values) and runs every reader entry point over it; the only
// acceptable failures are the readers' typed errors.
import { FormatError } from "../../src/binfmt/errors.js";
import { openBinary } from "../../src/binfmt/open.js";
import type { ByteSource } from "../../src/binfmt/source.js";
import { BuildIDError, BuildInfoError } from "../../src/goinfo/errors.js";
import { summarize } from "../../src/goinfo/summary.js";
import type { BuildSpec } from "./gobuild.js";

/** Rng is xorshift32: small, fast and the same sequence on every platform. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
}

/** Mutation describes one case: patches over the base bytes and a possibly shorter length. */
export interface Mutation {
  size: number;
  patches: Map<number, number>; // offset -> new byte
  kind: string;
}

const edgeValues32 = [0xffffffff, 0x7fffffff, 0x80000000, 0xfffffff0, 0x10000, 0x1000000, 0];

/** mutate makes one seeded mutation of base. */
export function mutate(base: Uint8Array, rng: Rng): Mutation {
  const m: Mutation = { size: base.length, patches: new Map(), kind: "" };
  const kinds = rng.int(4);
  // Header tables live near the start for most formats; aim most field writes there.
  const hot = (): number =>
    rng.int(4) === 0 ? rng.int(base.length) : rng.int(Math.min(base.length, 4096));
  if (kinds === 0) {
    m.kind = "truncate";
    m.size = rng.int(4) === 0 ? rng.int(Math.min(base.length, 4096)) : rng.int(base.length);
  } else if (kinds === 1) {
    m.kind = "flip";
    const n = 1 + rng.int(16);
    for (let i = 0; i < n; i++) m.patches.set(hot(), rng.int(256));
  } else {
    m.kind = "field";
    const n = 1 + rng.int(3);
    for (let i = 0; i < n; i++) {
      const width = [2, 4, 8][rng.int(3)] as number;
      const at = hot() & ~(width - 1);
      const v = kinds === 2 ? (edgeValues32[rng.int(edgeValues32.length)] as number) : rng.next();
      const big = rng.int(2) === 0;
      for (let b = 0; b < width; b++) {
        const byte = b < 4 ? (v >>> (8 * b)) & 0xff : v === 0 ? 0 : 0xff;
        m.patches.set(at + (big ? width - 1 - b : b), byte);
      }
    }
  }
  return m;
}

/** Budget is the read allowance of one case; overrunning it means the reader is looping. */
export class BudgetError extends Error {
  override name = "BudgetError";
}

/** ReadStats counts what a case asked of its source. */
export interface ReadStats {
  reads: number;
  bytes: number;
  maxRead: number;
}

/** mutatedSource serves base with m applied, copying only the ranges asked for, and counts reads. */
export function mutatedSource(
  base: Uint8Array,
  m: Mutation,
  stats: ReadStats,
  maxReads = 200_000,
): ByteSource {
  return {
    size: m.size,
    read(off, len) {
      if (++stats.reads > maxReads) throw new BudgetError(`more than ${maxReads} reads`);
      if (!(off >= 0) || off >= m.size || !(len > 0)) return Promise.resolve(new Uint8Array(0));
      const end = Math.min(m.size, off + len);
      const out = base.slice(off, end);
      for (const [p, v] of m.patches) if (p >= off && p < end) out[p - off] = v;
      stats.bytes += out.length;
      stats.maxRead = Math.max(stats.maxRead, out.length);
      return Promise.resolve(out);
    },
  };
}

/** isTypedError reports whether e is one of the errors the readers promise. */
export function isTypedError(e: unknown): boolean {
  return e instanceof FormatError || e instanceof BuildInfoError || e instanceof BuildIDError;
}

/** runCase runs every reader entry point over src; it throws only what the readers must not throw. */
export async function runCase(src: ByteSource): Promise<void> {
  await summarize(src); // build ID, format, build info: typed errors are caught inside
  try {
    const bin = await openBinary(src);
    await bin.relocations();
  } catch (e) {
    if (!isTypedError(e)) throw e;
  }
}

/** FuzzFailure is a case that threw something untyped, with what it takes to replay it. */
export interface FuzzFailure {
  seed: number;
  corpus: string;
  kind: string;
  error: string;
}

/** fuzz runs n cases per corpus entry from seed and returns the failures (at most 20). */
export async function fuzz(
  corpus: ReadonlyArray<{ name: string; bytes: Uint8Array }>,
  n: number,
  seed: number,
  onCase?: (s: ReadStats) => void,
): Promise<FuzzFailure[]> {
  const fails: FuzzFailure[] = [];
  for (const c of corpus) {
    for (let i = 0; i < n && fails.length < 20; i++) {
      const caseSeed = (seed + i * 0x9e3779b1) >>> 0;
      const m = mutate(c.bytes, new Rng(caseSeed));
      const stats: ReadStats = { reads: 0, bytes: 0, maxRead: 0 };
      try {
        await runCase(mutatedSource(c.bytes, m, stats));
      } catch (e) {
        fails.push({
          seed: caseSeed,
          corpus: c.name,
          kind: m.kind,
          error:
            e instanceof Error
              ? (e.stack ?? e.message).split("\n").slice(0, 4).join(" | ")
              : String(e),
        });
      }
      onCase?.(stats);
    }
  }
  return fails;
}

/** Corpus covers every reader: ELF (LE, BE, 32, 64), PE32/PE32+, Mach-O, Wasm, XCOFF, Plan 9. */
export const FuzzCorpus: BuildSpec[] = [
  { minor: 27, goos: "linux", goarch: "amd64", stripped: true },
  { minor: 27, goos: "linux", goarch: "mips", stripped: true },
  { minor: 27, goos: "openbsd", goarch: "arm64", stripped: true },
  { minor: 27, goos: "windows", goarch: "386", stripped: true },
  { minor: 27, goos: "windows", goarch: "amd64", stripped: true },
  { minor: 27, goos: "darwin", goarch: "arm64", stripped: true },
  { minor: 27, goos: "js", goarch: "wasm", stripped: true },
  { minor: 27, goos: "aix", goarch: "ppc64" },
  { minor: 27, goos: "plan9", goarch: "386", stripped: true },
];

/** FuzzObjects are the clang targets whose objects join the corpus when clang is installed. */
export const FuzzObjects: [string, string][] = [
  ["x86_64-linux-gnu", "-fPIC"],
  ["i386-linux-gnu", "-fPIC"],
  ["mips64el-linux-gnuabi64", "-fPIC"],
  ["powerpc64-linux-gnu", "-fno-pic"],
  ["x86_64-pc-windows-msvc", ""],
];
