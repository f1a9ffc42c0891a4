// New packages: the empty Package the loader fills in, the package of a pattern that names
// none, and go/build's directory facts copied onto a Package.

import type { DirPackage, Position } from "./dirpkg.js";
import type { Package, PackageError } from "./package.js";

const NO_POS: ReadonlyMap<string, Position[]> = new Map();

// Shared empty values: list fields are replaced, never appended to, after creation.
const EMPTY = Object.freeze([]) as unknown as string[];
const NO_EMBED: Record<string, string[]> = Object.freeze({});

/**
 * patternErrorPackage is the package go reports for a pattern that names none: its import
 * path is the pattern, and its error has no import stack (load.PackagesAndErrors).
 */
export function patternErrorPackage(pattern: string, dir: string, err: string): Package {
  const p = emptyPackage(pattern, dir);
  p.Match = [pattern];
  p.DepOnly = false;
  p.Incomplete = true;
  p.Error = { ImportStack: [], Pos: "", Err: err };
  p.Internal.importsSet = true;
  return p;
}

export function emptyPackage(importPath: string, dir: string): Package {
  return {
    Dir: dir,
    ImportPath: importPath,
    Name: "",
    Root: "",
    Match: [],
    Goroot: false,
    Standard: false,
    DepOnly: true,
    BinaryOnly: false,
    Incomplete: false,
    GoFiles: EMPTY,
    CgoFiles: EMPTY,
    IgnoredGoFiles: EMPTY,
    InvalidGoFiles: EMPTY,
    IgnoredOtherFiles: EMPTY,
    CFiles: EMPTY,
    CXXFiles: EMPTY,
    MFiles: EMPTY,
    HFiles: EMPTY,
    FFiles: EMPTY,
    SFiles: EMPTY,
    SwigFiles: EMPTY,
    SwigCXXFiles: EMPTY,
    SysoFiles: EMPTY,
    EmbedPatterns: EMPTY,
    EmbedFiles: EMPTY,
    CgoCFLAGS: EMPTY,
    CgoCPPFLAGS: EMPTY,
    CgoCXXFLAGS: EMPTY,
    CgoFFLAGS: EMPTY,
    CgoLDFLAGS: EMPTY,
    CgoPkgConfig: EMPTY,
    Imports: EMPTY,
    ImportMap: {},
    Deps: EMPTY,
    DepsErrors: EMPTY as unknown as PackageError[],
    TestGoFiles: EMPTY,
    TestImports: EMPTY,
    TestEmbedPatterns: EMPTY,
    XTestGoFiles: EMPTY,
    XTestImports: EMPTY,
    XTestEmbedPatterns: EMPTY,
    GoVersion: "",
    Embed: NO_EMBED,
    Internal: { imports: [], importPos: NO_POS, rawImports: [] },
  };
}

export function copyBuild(p: Package, bp: DirPackage): void {
  p.Name = bp.name;
  p.BinaryOnly = bp.binaryOnly;
  p.GoFiles = bp.goFiles;
  p.CgoFiles = bp.cgoFiles;
  p.IgnoredGoFiles = bp.ignoredGoFiles;
  p.InvalidGoFiles = bp.invalidGoFiles;
  p.IgnoredOtherFiles = bp.ignoredOtherFiles;
  p.CFiles = bp.cFiles;
  p.CXXFiles = bp.cxxFiles;
  p.MFiles = bp.mFiles;
  p.HFiles = bp.hFiles;
  p.FFiles = bp.fFiles;
  p.SFiles = bp.sFiles;
  p.SwigFiles = bp.swigFiles;
  p.SwigCXXFiles = bp.swigCXXFiles;
  p.SysoFiles = bp.sysoFiles;
  p.EmbedPatterns = bp.embedPatterns;
  p.CgoCFLAGS = bp.cgoCFLAGS;
  p.CgoCPPFLAGS = bp.cgoCPPFLAGS;
  p.CgoCXXFLAGS = bp.cgoCXXFLAGS;
  p.CgoFFLAGS = bp.cgoFFLAGS;
  p.CgoLDFLAGS = bp.cgoLDFLAGS;
  p.CgoPkgConfig = bp.cgoPkgConfig;
  p.Imports = bp.imports.length === 0 ? p.Imports : [...bp.imports];
  p.Internal.rawImports = bp.imports;
  p.TestGoFiles = bp.testGoFiles;
  p.TestImports = bp.testImports;
  p.TestEmbedPatterns = bp.testEmbedPatterns;
  p.XTestGoFiles = bp.xTestGoFiles;
  p.XTestImports = bp.xTestImports;
  p.XTestEmbedPatterns = bp.xTestEmbedPatterns;
  p.Internal.importPos = bp.importPos;
}

/** noGoMessage is cmd/go's wording for a directory without buildable Go files (load.NoGoError). */
export function noGoMessage(bp: DirPackage): string {
  if (bp.ignoredGoFiles.length > 0) return `build constraints exclude all Go files in ${bp.dir}`;
  if (bp.testGoFiles.length + bp.xTestGoFiles.length > 0)
    return `no non-test Go files in ${bp.dir}`;
  return `no Go files in ${bp.dir}`;
}

/** allFiles is Package.AllFiles: every input file, embedded files of the directory itself once. */
export function allFiles(p: Package): string[] {
  const files = [
    ...p.GoFiles,
    ...p.CgoFiles,
    ...p.IgnoredGoFiles,
    ...p.IgnoredOtherFiles,
    ...p.CFiles,
    ...p.CXXFiles,
    ...p.MFiles,
    ...p.HFiles,
    ...p.FFiles,
    ...p.SFiles,
    ...p.SwigFiles,
    ...p.SwigCXXFiles,
    ...p.SysoFiles,
    ...p.TestGoFiles,
    ...p.XTestGoFiles,
  ];
  const have = new Set(files);
  for (const f of p.EmbedFiles) if (f.includes("/") || !have.has(f)) files.push(f);
  return files;
}
