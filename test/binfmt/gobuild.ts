// Builds the small test program with the real go command into a cache directory keyed by Go
// version and target, so reruns reuse the binaries. Shared by the binfmt, goinfo and inspect
// tests and by bench/inspect.
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ports, resolveTarget } from "../../src/platform/index.js";
import { run } from "../../src/process/run.js";

/** cacheRoot is where built binaries live (bump the "-v2" when the test program changes). */
export const cacheRoot = join(
  process.env.CROSSGO_TEST_CACHE ?? join(tmpdir(), "crossgo-test-cache"),
  "binfmt-v2",
);

/** goroot returns /usr/lib/go-1.minor, or undefined when that toolchain is not installed. */
export function goroot(minor: number): string | undefined {
  const d = `/usr/lib/go-1.${minor}`;
  return existsSync(join(d, "bin", "go")) ? d : undefined;
}

/** goEnv is the environment every real go command runs with: local toolchain, no network. */
export function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOTOOLCHAIN: "local",
    GOFLAGS: "-mod=mod",
    GOPROXY: `file://${join(cacheRoot, "proxy")}`, // serves example.com/lib only
    GOMODCACHE: join(cacheRoot, "modcache"),
    GOSUMDB: "off",
    GONOSUMDB: "*",
    GOWORK: "off",
    ...extra,
  };
}

/** goRun runs `go args...` from the given toolchain and returns stdout, throwing on failure. */
export async function goRun(
  minor: number,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<string> {
  const root = goroot(minor);
  if (!root) throw new Error(`go 1.${minor} is not installed`);
  const r = await run(join(root, "bin", "go"), args, {
    cwd: opts.cwd ?? cacheRoot,
    env: goEnv(opts.env),
  });
  if (r.code !== 0) throw new Error(`go ${args.join(" ")}: exit ${String(r.code)}\n${r.stderr}`);
  return r.stdout;
}

const program: Record<string, string> = {
  "dep/go.mod": "module example.com/dep\n\ngo 1.19\n",
  "dep/dep.go":
    'package dep\n\n// Hello is the dependency the build info lists.\nfunc Hello() string { return "hello from dep" }\n',
  "hello/go.mod":
    "module example.com/hello\n\ngo 1.19\n\nrequire (\n\texample.com/dep v0.0.0\n\texample.com/lib v1.2.3\n)\n\nreplace example.com/dep => ../dep\n",
  "hello/main.go":
    'package main\n\nimport (\n\t"example.com/dep"\n\t"example.com/lib"\n)\n\nfunc main() { println(dep.Hello(), lib.Version()) }\n',
  "cgo/go.mod": "module example.com/cgohello\n\ngo 1.19\n",
  "cgo/main.go":
    'package main\n\n/*\n#include <stdio.h>\nstatic void hi(void) { puts("hi from C"); }\n*/\nimport "C"\n\nfunc main() { C.hi() }\n',
};

/** libModule is example.com/lib v1.2.3, served by a file:// module proxy so build info has a version and a sum. */
const libModule: Record<string, string> = {
  "go.mod": "module example.com/lib\n\ngo 1.19\n",
  "lib.go":
    'package lib\n\n// Version is the version the proxy serves.\nfunc Version() string { return "v1.2.3" }\n',
};

/** writeProxy lays out the module proxy: list, .info, .mod and a stored (uncompressed) .zip. */
async function writeProxy(): Promise<void> {
  const v = join(cacheRoot, "proxy", "example.com", "lib", "@v");
  await mkdir(v, { recursive: true });
  await writeFile(join(v, "list"), "v1.2.3\n");
  await writeFile(join(v, "v1.2.3.info"), '{"Version":"v1.2.3","Time":"2024-01-01T00:00:00Z"}\n');
  await writeFile(join(v, "v1.2.3.mod"), libModule["go.mod"] as string);
  const files = Object.entries(libModule).map(([n, t]): [string, Uint8Array] => [
    `example.com/lib@v1.2.3/${n}`,
    new TextEncoder().encode(t),
  ]);
  await writeFile(join(v, "v1.2.3.zip"), storedZip(files));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** storedZip writes a zip archive without compression: enough for a module proxy. */
function storedZip(files: [string, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let off = 0;
  for (const [name, data] of files) {
    const n = new TextEncoder().encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + n.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, n.length, true);
    local.set(n, 30);
    const cd = new Uint8Array(46 + n.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, n.length, true);
    cv.setUint32(42, off, true);
    cd.set(n, 46);
    parts.push(local, data);
    central.push(cd);
    off += local.length + data.length;
  }
  const cdSize = central.reduce((a, b) => a + b.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, off, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((a, b) => a + b.length, 0));
  let p = 0;
  for (const b of all) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

let written: Promise<string> | undefined;

/** writeProgram writes the test modules under cacheRoot/src (once per process, unchanged files untouched). */
export function writeProgram(): Promise<string> {
  written ??= (async () => {
    const src = join(cacheRoot, "src");
    for (const [name, text] of Object.entries(program)) {
      const p = join(src, name);
      await mkdir(join(p, ".."), { recursive: true });
      if (existsSync(p) && (await readFile(p, "utf8")) === text) continue;
      await writeFile(`${p}.tmp${process.pid}`, text);
      await rename(`${p}.tmp${process.pid}`, p);
    }
    await writeProxy();
    return src;
  })();
  return written;
}

/** BuildSpec is one binary to build. */
export interface BuildSpec {
  minor: number; // Go 1.minor
  goos: string;
  goarch: string;
  stripped?: boolean; // -ldflags=-s -w
  cgo?: boolean; // the cgo program with CGO_ENABLED=1 (host target only)
  variant?: { name: string; flags?: string[]; env?: Record<string, string>; dir?: string }; // extra build flags, environment or program directory
}

/** specName is the cache file name of a spec. */
export function specName(s: BuildSpec): string {
  return `${s.goos}-${s.goarch}${s.stripped ? "-sw" : ""}${s.cgo ? "-cgo" : ""}${s.variant ? `-${s.variant.name}` : ""}${s.goos === "windows" ? ".exe" : ""}`;
}

/** specDir is the directory holding every binary of one Go release. */
export function specDir(minor: number, variant = false): string {
  return join(cacheRoot, variant ? `go1.${minor}-variants` : `go1.${minor}`);
}

const building = new Map<string, Promise<string>>();

/** buildBinary builds spec (or returns the cached binary) and returns its path. */
export function buildBinary(s: BuildSpec): Promise<string> {
  const out = join(specDir(s.minor, s.variant !== undefined), specName(s));
  let p = building.get(out);
  if (!p) {
    p = (async () => {
      if (existsSync(out)) return out;
      const src = await writeProgram();
      await mkdir(join(out, ".."), { recursive: true });
      // Build outside the directory that tests walk, then rename into place: a walk never sees half a file.
      await mkdir(join(cacheRoot, "tmp"), { recursive: true });
      const tmp = join(cacheRoot, "tmp", `${specName(s)}.${process.pid}`);
      const args = ["build", "-o", tmp];
      if (s.stripped) args.push("-ldflags=-s -w");
      args.push(...(s.variant?.flags ?? []), ".");
      await goRun(s.minor, args, {
        cwd: s.variant?.dir ?? join(src, s.cgo ? "cgo" : "hello"),
        env: { GOOS: s.goos, GOARCH: s.goarch, CGO_ENABLED: s.cgo ? "1" : "0", ...s.variant?.env },
      });
      await rename(tmp, out);
      return out;
    })().catch(async (e: unknown) => {
      building.delete(out);
      await rm(join(cacheRoot, "tmp", `${specName(s)}.${process.pid}`), { force: true });
      throw e;
    });
    building.set(out, p);
  }
  return p;
}

/** pureGoPorts lists the ports of Go 1.minor that link without cgo (42 on Go 1.27). */
export function pureGoPorts(minor = 27): { goos: string; goarch: string }[] {
  return ports(minor)
    .filter(
      (p) =>
        resolveTarget(`${p.GOOS}/${p.GOARCH}`, { goVersion: `1.${minor}` }).externalLinkReason ===
        undefined,
    )
    .map((p) => ({ goos: p.GOOS, goarch: p.GOARCH }));
}

/**
 * DefaultPorts is the representative subset the default test run builds: every format, both
 * byte orders, 32 and 64 bits, and each ELF OS flavour.
 */
export const DefaultPorts: readonly string[] = [
  "linux/amd64",
  "linux/arm64",
  "linux/s390x",
  "linux/mips",
  "windows/amd64",
  "windows/386",
  "darwin/arm64",
  "js/wasm",
  "wasip1/wasm",
  "aix/ppc64",
  "plan9/386",
  "freebsd/amd64",
  "openbsd/arm64",
  "netbsd/arm",
  "illumos/amd64",
];

/** fullRun reports whether the heavy matrix was asked for (CROSSGO_FULL=1). */
export const fullRun = process.env.CROSSGO_FULL === "1";

/** mapLimit runs fn over items with at most n in flight, keeping order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  n: number,
  fn: (t: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}
