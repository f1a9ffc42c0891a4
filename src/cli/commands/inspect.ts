import type { Command } from "@commander-js/extra-typings";
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
} from "node:fs";
import type { Stats } from "node:fs";
import { extname, join } from "node:path";
import type { Relocation } from "../../binfmt/binary.js";
import { FormatError } from "../../binfmt/errors.js";
import { openBinary } from "../../binfmt/open.js";
import type { ByteSource } from "../../binfmt/source.js";
import { buildInfoJSON, formatBuildInfo } from "../../goinfo/modinfo.js";
import { summarize } from "../../goinfo/summary.js";
import type { Summary } from "../../goinfo/summary.js";
import { verdicts } from "../../goinfo/verdicts.js";
import { UsageError } from "../errors.js";

/**
 * withFileSource opens path read-only and gives fn a ByteSource over it, closing it afterwards.
 * Reads are synchronous pread calls wrapped in promises: an inspection makes a handful of small
 * reads, and a thread-pool round trip per read would cost more than the read itself.
 */
export async function withFileSource<T>(
  path: string,
  fn: (src: ByteSource) => Promise<T>,
): Promise<T> {
  const fd = openSync(path, "r");
  try {
    const { size } = fstatSync(fd);
    const src: ByteSource = {
      size,
      read(off, len) {
        if (!(off >= 0) || off >= size || !(len > 0)) return Promise.resolve(new Uint8Array(0));
        const n = Math.min(len, size - off);
        const buf = new Uint8Array(n);
        let got = 0;
        while (got < n) {
          const r = readSync(fd, buf, got, n - got, off + got);
          if (r === 0) break;
          got += r;
        }
        return Promise.resolve(got === n ? buf : buf.subarray(0, got));
      },
    };
    return await fn(src);
  } finally {
    closeSync(fd);
  }
}

/** FileEntry is one file to inspect and whether the user named it (errors print) or a walk found it. */
interface FileEntry {
  path: string;
  named: boolean;
  stats?: Stats; // undefined when stat failed
  ioError?: string;
}

/** walk lists regular files and file symlinks under dir in lexical order, as filepath.WalkDir does. */
function walk(dir: string, out: FileEntry[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    let ls: Stats;
    try {
      ls = lstatSync(p);
    } catch {
      continue;
    }
    if (ls.isDirectory()) walk(p, out);
    else if (ls.isFile()) out.push({ path: p, named: false, stats: ls });
    else if (ls.isSymbolicLink()) {
      try {
        const st = statSync(p);
        if (st.isFile()) out.push({ path: p, named: false, stats: st });
      } catch {
        // a dangling link is skipped, as go version does without -v
      }
    }
  }
}

/** isGoBinaryCandidate mirrors cmd/go's test for whether a non-Go file is worth an error line. */
function isGoBinaryCandidate(path: string, st: Stats | undefined): boolean {
  if (st?.isFile() === true && (st.mode & 0o111) !== 0) return true;
  const name = path.toLowerCase();
  const ext = extname(name);
  return ext === ".so" || ext === ".exe" || ext === ".dll" || name.includes(".so.");
}

/** InspectResult is one inspected file: its summary (or the I/O error that stopped it). */
interface InspectResult {
  path: string;
  named: boolean;
  stats?: Stats;
  summary?: Summary;
  ioError?: string;
  relocs?: Relocation[];
  relocError?: string;
}

async function inspectOne(e: FileEntry, relocs: boolean): Promise<InspectResult> {
  const r: InspectResult = { ...e };
  if (!e.stats) return r; // stat failed: ioError is already set
  try {
    await withFileSource(e.path, async (src) => {
      r.summary = await summarize(src);
      if (relocs && r.summary.info) {
        try {
          r.relocs = await (await openBinary(src)).relocations();
        } catch (err) {
          if (!(err instanceof FormatError)) throw err;
          r.relocError = err.message;
        }
      }
    });
  } catch (err) {
    const ne = err as NodeJS.ErrnoException;
    if (typeof ne.code !== "string") throw err;
    r.ioError = ne.message;
  }
  return r;
}

/** goVersionM renders one result exactly as `go version -m` would: stdout text, stderr text, failure. */
function goVersionM(r: InspectResult): { out: string; err: string; failed: boolean } {
  const s = r.summary;
  let msg = r.ioError;
  if (s && !msg) {
    // debug/buildinfo has no Wasm reader, and internal/xcoff rejects a file without a symbol
    // table (go build -ldflags=-s for aix): Go reports both as unrecognized.
    if (s.info?.format === "wasm" || (s.info?.format === "xcoff" && !s.info.hasSymbols))
      msg = "unrecognized file format";
    else if (!s.buildInfo) msg = s.buildInfoError ?? "unrecognized file format";
  }
  if (!r.stats) return { out: "", err: `${r.ioError ?? ""}\n`, failed: true };
  if (msg !== undefined || !s?.buildInfo) {
    const err =
      r.named && isGoBinaryCandidate(r.path, r.stats)
        ? `${r.path}: could not read Go build info from ${r.path}: ${msg ?? ""}\n`
        : "";
    return { out: "", err, failed: r.named };
  }
  let out = `${r.path}: ${s.buildInfo.GoVersion}\n`;
  const mod = formatBuildInfo({ ...s.buildInfo, GoVersion: "" });
  if (mod.length > 0) out += `\t${mod.slice(0, -1).replaceAll("\n", "\n\t")}\n`;
  return { out, err: "", failed: false };
}

/** resultJSON is the stable --json object of one file. */
function resultJSON(r: InspectResult): Record<string, unknown> {
  const s = r.summary;
  const i = s?.info;
  const o: Record<string, unknown> = {
    File: r.path,
    Format: i?.format ?? null,
    GOOS: s?.goos ?? null,
    GOARCH: s?.goarch ?? null,
    BuildID: s?.buildID ?? "",
    GoVersion: s?.buildInfo?.GoVersion ?? null,
    BuildInfo: s?.buildInfo ? buildInfoJSON(s.buildInfo) : null,
  };
  if (i) {
    o.Kind = i.kind;
    o.Class = i.class;
    o.ByteOrder = i.byteOrder;
    o.Machine = i.machine;
    o.FormatGOOS = i.goos ?? null;
    if (i.goosCandidates) o.FormatGOOSCandidates = i.goosCandidates;
    o.Entry = i.entry;
    o.Static = i.static;
    o.Interp = i.interp ?? null;
    o.Needed = i.needed.map((n) => ({ Name: n.name, Versions: n.versions }));
    o.HasSymbols = i.hasSymbols;
    o.HasDWARF = i.hasDWARF;
    if (i.codeSignature !== undefined) o.CodeSignature = i.codeSignature;
    if (i.platform !== undefined) o.Platform = i.platform;
    if (i.minOS !== undefined) o.MinOS = i.minOS;
    if (i.subsystem !== undefined) o.Subsystem = i.subsystem;
    o.Sections = i.sections.map((x) => x.name);
    if (i.slices)
      o.Slices = i.slices.map((x) => ({ GOARCH: x.goarch ?? null, Machine: x.machine }));
  }
  if (s) o.Verdicts = verdicts(s);
  const errs: string[] = [];
  if (r.ioError) errs.push(r.ioError);
  if (s?.formatError) errs.push(s.formatError);
  if (s?.buildIDError) errs.push(`build ID: ${s.buildIDError}`);
  if (s?.buildInfoError) errs.push(`build info: ${s.buildInfoError}`);
  if (errs.length > 0) o.Errors = errs;
  if (r.relocs)
    o.Relocations = r.relocs.map((x) => ({
      Section: x.section,
      Offset: x.offset,
      Type: x.typeName,
      Symbol: x.symbol,
      ...(x.addend !== undefined ? { Addend: x.addend } : {}),
    }));
  return o;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/** resultText is the readable summary of one file. */
/**
 * printableBuildID is a build ID for a terminal: Go's are text; an ELF file without one has
 * the GNU build ID note's raw bytes (what go tool buildid prints), shown as readelf does, in hex.
 */
function printableBuildID(id: string): string {
  if (/^[\x21-\x7e]+$/.test(id)) return id;
  let hexBytes = "";
  for (let i = 0; i < id.length; i++) hexBytes += id.charCodeAt(i).toString(16).padStart(2, "0");
  return `${hexBytes} (GNU build ID, in hex)`;
}

function resultText(r: InspectResult): string {
  const s = r.summary;
  if (r.ioError || !s) return `${r.path}: ${r.ioError ?? "unreadable"}\n`;
  const i = s.info;
  if (!i) return `${r.path}: ${s.formatError ?? "unrecognized file format"}\n`;
  const lines: string[] = [];
  const target = s.goos && s.goarch ? `${s.goos}/${s.goarch}` : (s.goarch ?? "unknown target");
  lines.push(
    `${r.path}: ${i.format} ${i.class}-bit ${i.byteOrder}-endian ${i.machine} ${i.kind}, ${target}`,
  );
  lines.push(`\tgo version  ${s.buildInfo?.GoVersion ?? `(${s.buildInfoError ?? "none"})`}`);
  lines.push(`\tbuild id    ${s.buildID ? printableBuildID(s.buildID) : "(none)"}`);
  if (s.buildInfo?.Path) lines.push(`\tpath        ${s.buildInfo.Path}`);
  lines.push(
    `\tentry       ${hex(i.entry)}, ${i.sections.length} sections, symbols ${i.hasSymbols ? "yes" : "no"}, DWARF ${i.hasDWARF ? "yes" : "no"}`,
  );
  lines.push(
    `\tlinking     ${i.static ? "static" : "dynamic"}${i.interp ? `, interpreter ${i.interp}` : ""}`,
  );
  for (const n of i.needed)
    lines.push(
      `\tneeds       ${n.name}${n.versions.length > 0 ? ` (${n.versions.join(", ")})` : ""}`,
    );
  if (i.codeSignature !== undefined) lines.push(`\tcode sig    ${i.codeSignature ? "yes" : "no"}`);
  if (i.platform) lines.push(`\tplatform    ${i.platform}${i.minOS ? ` ${i.minOS}` : ""}`);
  if (i.subsystem) lines.push(`\tsubsystem   ${i.subsystem}`);
  if (i.slices)
    lines.push(`\tslices      ${i.slices.map((x) => x.goarch ?? x.machine).join(", ")}`);
  for (const v of verdicts(s))
    lines.push(`\t${v.ok ? "ok  " : "warn"}        ${v.id}: ${v.message}`);
  if (r.relocs) {
    lines.push(`\trelocations ${r.relocs.length}`);
    for (const x of r.relocs)
      lines.push(
        `\t\t${x.section}\t${hex(x.offset)}\t${x.typeName}\t${x.symbol}${x.addend !== undefined ? (x.addend < 0 ? ` - ${hex(-x.addend)}` : ` + ${hex(x.addend)}`) : ""}`,
      );
  }
  if (r.relocError) lines.push(`\trelocations: ${r.relocError}`);
  return lines.join("\n") + "\n";
}

/** inspectJSON returns the --json object of one named file, as `crossgo inspect --json [--relocs] path` prints it. */
export async function inspectJSON(path: string, relocs = false): Promise<Record<string, unknown>> {
  let st: Stats | undefined;
  let ioError: string | undefined;
  try {
    st = statSync(path);
  } catch (e) {
    ioError = (e as Error).message;
  }
  return resultJSON(await inspectOne({ path, named: true, stats: st, ioError }, relocs));
}

/** registerInspect adds `crossgo inspect`. */
export function registerInspect(program: Command): void {
  program
    .command("inspect")
    .description("read binaries: format, target, build ID and Go build info (like go version -m)")
    .argument("<paths...>", "files or directories (walked like go version -m DIR)")
    .option("--json", "print a JSON array with one object per file")
    .option("--go-version-m", "print exactly what `go version -m` prints")
    .option("--relocs", "list the relocations of relocatable objects")
    .action(async (paths, opts) => {
      if (opts.json && opts.goVersionM)
        throw new UsageError("--json and --go-version-m cannot be combined");
      const entries: FileEntry[] = [];
      let failed = false;
      for (const p of paths) {
        let st: Stats;
        try {
          st = statSync(p);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          entries.push({
            path: p,
            named: true,
            ioError: `stat ${p}: ${code === "ENOENT" ? "no such file or directory" : (e as Error).message}`,
          });
          continue;
        }
        if (st.isDirectory()) walk(p, entries);
        else entries.push({ path: p, named: true, stats: st });
      }
      const results: InspectResult[] = [];
      for (const e of entries) results.push(await inspectOne(e, opts.relocs === true));
      if (opts.goVersionM) {
        for (const r of results) {
          const g = goVersionM(r);
          process.stdout.write(g.out);
          process.stderr.write(g.err);
          if (g.failed) failed = true;
        }
      } else {
        // In a directory walk only recognised binaries are listed; named files are always listed.
        const shown = results.filter(
          (r) => r.named || (r.summary?.info !== undefined && !r.ioError),
        );
        for (const r of shown)
          if (r.ioError || !r.summary?.info || r.summary.formatError) failed = true;
        if (opts.json) process.stdout.write(JSON.stringify(shown.map(resultJSON), null, 2) + "\n");
        else for (const r of shown) process.stdout.write(resultText(r));
      }
      if (failed) process.exitCode = 1;
    });
}
