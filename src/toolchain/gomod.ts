import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import {
  compareGoVersions,
  formatGoVersion,
  parseGoVersion,
  type GoVersion,
} from "../platform/version.js";
import { describeToolchain, type Toolchain } from "./discover.js";
import type { ErrorKind } from "../errors.js";

/** GoModDirectives are the main module's version requirements from go.mod. */
export interface GoModDirectives {
  file: string; // absolute path of go.mod
  module?: string; // module path
  go?: { version: string; line: number }; // `go 1.22` (minimum Go)
  toolchain?: { version: string; line: number }; // `toolchain go1.27.1` (preferred toolchain)
}

/** GoModError is a malformed go.mod line; file:line lead the message, as Go prints them. */
export class GoModError extends Error {
  override name = "GoModError";
  readonly kind: ErrorKind = "usage";
}

/** ToolchainTooOldError says the main module needs a newer Go than the one found. */
export class ToolchainTooOldError extends Error {
  override name = "ToolchainTooOldError";
  readonly kind: ErrorKind = "failure";
}

function stripComment(line: string): string {
  const i = line.indexOf("//");
  return (i >= 0 ? line.slice(0, i) : line).trim();
}

/** parseGoModDirectives reads the module, go and toolchain directives of go.mod text. */
export function parseGoModDirectives(text: string, file: string): GoModDirectives {
  const out: GoModDirectives = { file };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const f = stripComment(lines[i]!).split(/\s+/);
    const verb = f[0];
    if (verb === "module" && f[1] !== undefined) out.module = f[1].replace(/^"|"$/g, "");
    if (verb !== "go" && verb !== "toolchain") continue;
    if (f.length !== 2)
      throw new GoModError(
        `${file}:${i + 1}: usage: ${verb} ${verb === "go" ? "1.23" : "go1.23.4"}`,
      );
    const v = f[1]!;
    if (verb === "go") {
      if (!/^[1-9][0-9]*\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?((rc|beta)[1-9][0-9]*)?$/.test(v)) {
        throw new GoModError(
          `${file}:${i + 1}: invalid go version '${v}': must match format 1.23.0`,
        );
      }
      out.go = { version: v, line: i + 1 };
    } else {
      if (v !== "default" && !parseGoVersion(v)) {
        throw new GoModError(
          `${file}:${i + 1}: invalid toolchain version '${v}': must match format go1.23.0 or default`,
        );
      }
      out.toolchain = { version: v, line: i + 1 };
    }
  }
  return out;
}

/** findGoMod walks up from dir to the nearest go.mod, like cmd/go's module root search. */
export async function findGoMod(dir: string): Promise<string | undefined> {
  let d = resolve(dir);
  for (;;) {
    const p = join(d, "go.mod");
    if (
      await stat(p)
        .then((s) => s.isFile())
        .catch(() => false)
    )
      return p;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** readGoModDirectives finds and reads the main module's go.mod from dir, if there is one. */
export async function readGoModDirectives(dir: string): Promise<GoModDirectives | undefined> {
  const file = await findGoMod(dir);
  if (file === undefined) return undefined;
  return parseGoModDirectives(await readFile(file, "utf8"), file);
}

/** RequirementCheck is what {@link checkToolchain} found. */
export interface RequirementCheck {
  notes: string[]; // things to tell the user that do not stop the build
}

/**
 * checkToolchain compares the found toolchain with the module's requirements. A `go` line
 * newer than the toolchain is an error (Go would switch toolchains by downloading one; crossgo
 * never downloads). A newer `toolchain` line is only a preference, reported as a note.
 */
export function checkToolchain(t: Toolchain, mod: GoModDirectives | undefined): RequirementCheck {
  const notes: string[] = [];
  if (mod === undefined) return { notes };
  if (mod.go !== undefined) {
    const need = parseGoVersion(mod.go.version)!;
    if (compareGoVersions(t.goVersion, need) < 0) {
      throw new ToolchainTooOldError(
        `${mod.file}:${mod.go.line}: module requires go >= ${mod.go.version}, but the toolchain found is ${describeToolchain(t)}; ` +
          `install Go ${need.major}.${need.minor} (e.g. apt-get install golang-${need.major}.${need.minor}-go) and pass --goroot /usr/lib/go-${need.major}.${need.minor}. ` +
          `crossgo never downloads a toolchain.`,
      );
    }
  }
  if (mod.toolchain !== undefined && mod.toolchain.version !== "default") {
    const want: GoVersion = parseGoVersion(mod.toolchain.version)!;
    if (compareGoVersions(t.goVersion, want) < 0) {
      notes.push(
        `${mod.file}:${mod.toolchain.line}: prefers toolchain ${formatGoVersion(want)}; using ${t.version} (crossgo never downloads toolchains)`,
      );
    }
  }
  return { notes };
}
