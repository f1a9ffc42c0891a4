/**
 * ModuleInfo is the module a package belongs to, as `go list -json` reports it.
 */
export interface ModuleInfo {
  Path: string;
  Version?: string; // empty for the main module and for directory replacements
  Main?: boolean;
  Dir?: string;
  GoVersion?: string; // the go.mod `go` line, drives -lang and the default GODEBUG
  Replace?: ModuleInfo;
  Sum?: string; // go.sum hash of the zip ("h1:..."), recorded in the build info
}

/** PackageError is the loader's complaint about a package (bad import, syntax error, ...). */
export interface PackageError {
  Pos?: string;
  Err: string;
  Text: string; // as go build prints it (load's packageErrorText)
}

/**
 * PackageInfo is what the planner needs to know about one package for one target: the
 * subset of `go list -json -deps` (cmd/go's load.PackagePublic) the compile, asm, pack and
 * link command lines are made of. Any package source (go list, crossgo's own loader) fills it.
 */
export interface PackageInfo {
  ImportPath: string;
  Dir: string;
  Name: string;
  Goroot: boolean; // lives in GOROOT
  Standard: boolean; // in the standard library (gets -std)
  DepOnly: boolean; // loaded only as a dependency, not named on the command line
  Module?: ModuleInfo;
  GoFiles: string[]; // names relative to Dir, after build constraints
  CgoFiles: string[];
  CFiles: string[];
  CXXFiles: string[];
  MFiles: string[];
  FFiles: string[];
  SFiles: string[];
  HFiles: string[];
  SysoFiles: string[];
  SwigFiles: string[];
  SwigCXXFiles: string[];
  EmbedPatterns: string[];
  EmbedFiles: string[];
  EmbedMap: Record<string, string[]>; // pattern -> files it matched (the -embedcfg "Patterns")
  Imports: string[]; // resolved import paths (after vendoring), sorted
  ImportMap: Record<string, string>; // import path as written -> resolved path, where they differ
  Deps: string[]; // every package this one depends on, transitively, sorted
  DefaultGODEBUG: string; // for main packages: the GODEBUG implied by the module's go version
  Error?: PackageError;
  DepsErrors: PackageError[];
}

/** packageUsesCgo reports whether p needs cgo (which the native driver does not run). */
export function packageUsesCgo(p: PackageInfo): boolean {
  return p.CgoFiles.length > 0 || p.SwigFiles.length > 0 || p.SwigCXXFiles.length > 0;
}
