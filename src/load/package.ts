// The package description the loader produces: `go list -json`'s field names and meaning.

import type { Position } from "./dirpkg.js";

/** PackageError is go list's error object: the import stack, a position and the message. */
export interface PackageError {
  ImportStack: string[]; // from the package named on the command line to the one at fault
  Pos: string; // "file:line:col" of the import or directive at fault, or ""
  Err: string;
  // Not in go list's JSON; how go build prints the error (see packageErrorText):
  alwaysPrintStack?: boolean; // print the import stack even with a position
  cycleStack?: string[]; // an import cycle's stack, each import with its file ("p from a.go")
}

/**
 * packageErrorText is the error as go build prints it (load.PackageError.Error): the
 * position when there is one; otherwise, or always for some errors, the import stack
 * ("package a\n\timports b: ..."), each import with its file for an import cycle.
 */
export function packageErrorText(e: PackageError): string {
  if (e.Pos !== "" && (e.ImportStack.length === 0 || e.alwaysPrintStack !== true))
    return `${e.Pos}: ${e.Err}`;
  if (e.ImportStack.length === 0) return e.Err;
  const pos = e.Pos !== "" ? `\n\t${e.Pos}` : "";
  return `package ${(e.cycleStack ?? e.ImportStack).join("\n\timports ")}${pos}: ${e.Err}`;
}

/**
 * BUILD_FIELDS are the fields of a Package that planning a build reads: the part of
 * `go list -json -deps` (cmd/go's load.PackagePublic) the compile, asm, pack and link command
 * lines are made of, whichever loader (crossgo's, or go list) produced it.
 */
export const BUILD_FIELDS = [
  "ImportPath",
  "Dir",
  "Name",
  "Goroot",
  "Standard",
  "DepOnly",
  "Module",
  "GoFiles",
  "CgoFiles",
  "CFiles",
  "CXXFiles",
  "MFiles",
  "FFiles",
  "SFiles",
  "HFiles",
  "SysoFiles",
  "SwigFiles",
  "SwigCXXFiles",
  "EmbedPatterns",
  "EmbedFiles",
  "Embed",
  "Imports",
  "ImportMap",
  "Deps",
  "DefaultGODEBUG",
  "Error",
  "DepsErrors",
] as const satisfies readonly (keyof Package)[];

/** BuildPackage is a Package as the build planner sees it (see BUILD_FIELDS). */
export type BuildPackage = Pick<Package, (typeof BUILD_FIELDS)[number]>;

/**
 * buildPackage is p's BUILD_FIELDS: plain data, without the loader's internal graph; its
 * module keeps the fields go list -json sets for a build, none of them empty.
 */
export function buildPackage(p: Package): BuildPackage {
  const out: Record<string, unknown> = {};
  for (const k of BUILD_FIELDS) if (p[k] !== undefined) out[k] = p[k];
  if (p.DefaultGODEBUG === "") delete out.DefaultGODEBUG; // go list -json omits it too
  if (p.Module) out.Module = buildModule(p.Module);
  return out as BuildPackage;
}

function buildModule(m: ModuleInfo): ModuleInfo {
  const out: ModuleInfo = { Path: m.Path };
  if (m.Version) out.Version = m.Version;
  if (m.Main) out.Main = true;
  if (m.Dir) out.Dir = m.Dir;
  if (m.GoVersion) out.GoVersion = m.GoVersion;
  if (m.Sum) out.Sum = m.Sum;
  if (m.Replace) out.Replace = buildModule(m.Replace);
  return out;
}

/** packageUsesCgo reports whether p needs cgo (which the native driver does not run). */
export function packageUsesCgo(p: BuildPackage): boolean {
  return p.CgoFiles.length > 0 || p.SwigFiles.length > 0 || p.SwigCXXFiles.length > 0;
}

/** errorJSON is go list's form of a PackageError (its MarshalJSON). */
function errorJSON(e: PackageError): Record<string, unknown> {
  return { ImportStack: e.ImportStack, Pos: e.Pos, Err: e.Err };
}

/** ModuleInfo is go list's Module object. */
export interface ModuleInfo {
  Path: string;
  Version?: string;
  Replace?: ModuleInfo;
  Time?: string;
  Main?: boolean;
  Indirect?: boolean;
  Dir?: string;
  GoMod?: string;
  GoVersion?: string;
  Sum?: string; // go.sum hash of the module zip
  GoModSum?: string; // go.sum hash of its go.mod
}

const MODULE_ORDER: readonly (keyof ModuleInfo)[] = [
  "Path",
  "Version",
  "Replace",
  "Time",
  "Main",
  "Indirect",
  "Dir",
  "GoMod",
  "GoVersion",
  "Sum",
  "GoModSum",
];

const moduleJSONs = new WeakMap<ModuleInfo, Record<string, unknown>>();

/** moduleJSON orders a ModuleInfo's fields as go list prints them. */
export function moduleJSON(m: ModuleInfo): Record<string, unknown> {
  const hit = moduleJSONs.get(m);
  if (hit) return hit;
  const out: Record<string, unknown> = {};
  moduleJSONs.set(m, out);
  for (const k of MODULE_ORDER) {
    const v = m[k];
    if (v === undefined || v === false || v === "") continue;
    out[k] = k === "Replace" ? moduleJSON(v as ModuleInfo) : v;
  }
  return out;
}

/**
 * Package is one loaded package, with `go list -json` field names. Empty lists and false
 * booleans are omitted from JSON exactly like go list's omitempty; the lists are always
 * present here (possibly empty) so callers need no undefined checks.
 *
 * EmbedPatterns lists the //go:embed patterns of the package's Go files; EmbedFiles the
 * files they match (relative to Dir), and Embed maps each pattern to its files (what the
 * compiler's -embedcfg needs). GoVersion is the go version that applies to the package's
 * module (the main module's or the dependency's go.mod, "" for none).
 */
export interface Package {
  Dir: string;
  ImportPath: string;
  Name: string;
  Root: string;
  Module?: ModuleInfo;
  Match: string[];
  Goroot: boolean;
  Standard: boolean;
  DepOnly: boolean;
  BinaryOnly: boolean;
  Incomplete: boolean;
  DefaultGODEBUG?: string; // main packages (Go 1.21+)
  GoFiles: string[];
  CgoFiles: string[];
  IgnoredGoFiles: string[];
  InvalidGoFiles: string[];
  IgnoredOtherFiles: string[];
  CFiles: string[];
  CXXFiles: string[];
  MFiles: string[];
  HFiles: string[];
  FFiles: string[];
  SFiles: string[];
  SwigFiles: string[];
  SwigCXXFiles: string[];
  SysoFiles: string[];
  EmbedPatterns: string[];
  EmbedFiles: string[];
  CgoCFLAGS: string[];
  CgoCPPFLAGS: string[];
  CgoCXXFLAGS: string[];
  CgoFFLAGS: string[];
  CgoLDFLAGS: string[];
  CgoPkgConfig: string[];
  Imports: string[]; // resolved import paths (vendor-expanded), sorted as in the source
  ImportMap: Record<string, string>; // source import path -> resolved path, when they differ
  Deps: string[]; // every transitive dependency, sorted
  Error?: PackageError;
  DepsErrors: PackageError[];
  TestGoFiles: string[];
  TestImports: string[];
  TestEmbedPatterns: string[];
  XTestGoFiles: string[];
  XTestImports: string[];
  XTestEmbedPatterns: string[];
  // Beyond go list:
  GoVersion: string; // the go version of the package's module ("" when none applies)
  Embed: Record<string, string[]>; // //go:embed pattern -> matched files (relative to Dir)
  Internal: PackageInternal;
}

/** PackageInternal is loader state a build needs that go list does not print. */
export interface PackageInternal {
  imports: Package[]; // resolved direct dependencies, including implicit ones (runtime/cgo, ...)
  importPos: ReadonlyMap<string, Position[]>; // source import path -> positions of its import specs
  target?: string; // "GOOS/GOARCH[/variant]" the package was loaded for
  importsSet?: boolean; // the imports were loaded (unset while loading, or after an early error)
  isImportCycle?: boolean; // the package was reached again while loading its imports
  rawImports: string[]; // Imports as written in the source, before vendor expansion
  forMain?: string; // set on a copy made for a main package's PGO profile (ImportPath "x [main]")
  pgoProfile?: string; // the default.pgo file applied to this package, if any
  loaded?: boolean; // loading got past the linker check, where go sets Module and DefaultGODEBUG
}

const JSON_ORDER: readonly (keyof Package)[] = [
  "Dir",
  "ImportPath",
  "Name",
  "Root",
  "Module",
  "Match",
  "Goroot",
  "Standard",
  "DepOnly",
  "BinaryOnly",
  "Incomplete",
  "DefaultGODEBUG",
  "GoFiles",
  "CgoFiles",
  "IgnoredGoFiles",
  "InvalidGoFiles",
  "IgnoredOtherFiles",
  "CFiles",
  "CXXFiles",
  "MFiles",
  "HFiles",
  "FFiles",
  "SFiles",
  "SwigFiles",
  "SwigCXXFiles",
  "SysoFiles",
  "EmbedPatterns",
  "EmbedFiles",
  "CgoCFLAGS",
  "CgoCPPFLAGS",
  "CgoCXXFLAGS",
  "CgoFFLAGS",
  "CgoLDFLAGS",
  "CgoPkgConfig",
  "Imports",
  "ImportMap",
  "Deps",
  "Error",
  "DepsErrors",
  "TestGoFiles",
  "TestImports",
  "TestEmbedPatterns",
  "XTestGoFiles",
  "XTestImports",
  "XTestEmbedPatterns",
];

/**
 * packageJSON returns the object `go list -json` prints for p (omitting empty fields), with
 * extra fields (e.g. GOOS/GOARCH for multi-target listings) appended.
 */
export function packageJSON(
  p: Package,
  extra: Record<string, string> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of JSON_ORDER) {
    const v = p[k];
    if (v === undefined || v === false || v === "") continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (k === "Module") {
      out[k] = moduleJSON(v as ModuleInfo);
      continue;
    }
    if (k === "Error") {
      out[k] = errorJSON(v as PackageError);
      continue;
    }
    if (k === "DepsErrors") {
      out[k] = (v as PackageError[]).map(errorJSON);
      continue;
    }
    if (k === "ImportMap") {
      const keys = Object.keys(v).sort();
      if (keys.length === 0) continue;
      out[k] = Object.fromEntries(keys.map((key) => [key, (v as Record<string, string>)[key]]));
      continue;
    }
    out[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) out[k] = v;
  return out;
}
