// Selecting the files of one package directory for one target: go/build's Context.Import
// over a directory (file name suffixes, build constraints, cgo, file kinds, embeds).

import { evaluate, isPlusBuild, parse, type Expr } from "../constraint/index.js";
import { goodSuffix, matchTag, type BuildContext } from "./context.js";
import { MULTIPLE_GO_BUILD, shouldBuild } from "./fileconstraint.js";
import type { SourceCache } from "./fs.js";

/** Position is a file:line:col location, as go/token prints it. */
export interface Position {
  file: string; // absolute file name
  line: number;
  col: number;
}

/** DirPackage is go/build's Package for a directory (the fields cmd/go uses). */
export interface DirPackage {
  dir: string;
  name: string;
  goFiles: string[];
  cgoFiles: string[];
  ignoredGoFiles: string[];
  invalidGoFiles: string[];
  ignoredOtherFiles: string[];
  cFiles: string[];
  cxxFiles: string[];
  mFiles: string[];
  hFiles: string[];
  fFiles: string[];
  sFiles: string[];
  swigFiles: string[];
  swigCXXFiles: string[];
  sysoFiles: string[];
  testGoFiles: string[];
  xTestGoFiles: string[];
  imports: string[]; // sorted, as written in the files
  importPos: Map<string, Position[]>;
  testImports: string[];
  xTestImports: string[];
  embedPatterns: string[];
  embedPatternPos: Map<string, Position[]>;
  testEmbedPatterns: string[];
  xTestEmbedPatterns: string[];
  cgoCFLAGS: string[];
  cgoCPPFLAGS: string[];
  cgoCXXFLAGS: string[];
  cgoFFLAGS: string[];
  cgoLDFLAGS: string[];
  cgoPkgConfig: string[];
  binaryOnly: boolean;
  error?: DirError; // go/build's error: the first bad file, or no Go files
}

/** DirError is the error of scanning a directory. */
export type DirError =
  | { kind: "nogo"; dir: string } // no buildable Go files
  | { kind: "notfound"; dir: string } // the directory does not exist
  | { kind: "multiple"; dir: string; packages: [string, string]; files: [string, string] }
  | { kind: "bad"; message: string; pos?: Position }; // a file could not be read or parsed

/** dirErrorMessage is the text go/build's error would print. */
export function dirErrorMessage(e: DirError): string {
  switch (e.kind) {
    case "nogo":
      return `no buildable Go source files in ${e.dir}`;
    case "notfound":
      return `cannot find package in ${e.dir}`;
    case "multiple":
      return `found packages ${e.packages[0]} (${e.files[0]}) and ${e.packages[1]} (${e.files[1]}) in ${e.dir}`;
    case "bad":
      return e.message;
  }
}

const EXT_LISTS = {
  ".c": "cFiles",
  ".cc": "cxxFiles",
  ".cxx": "cxxFiles",
  ".cpp": "cxxFiles",
  ".m": "mFiles",
  ".h": "hFiles",
  ".hh": "hFiles",
  ".hpp": "hFiles",
  ".hxx": "hFiles",
  ".f": "fFiles",
  ".F": "fFiles",
  ".for": "fFiles",
  ".f90": "fFiles",
  ".s": "sFiles",
  ".S": "sFiles",
  ".sx": "sFiles",
  ".swig": "swigFiles",
  ".swigcxx": "swigCXXFiles",
  ".syso": "sysoFiles",
} as const satisfies Record<string, keyof DirPackage>;

type ExtList = (typeof EXT_LISTS)[keyof typeof EXT_LISTS];

function listForExt(ext: string): ExtList | undefined {
  return Object.hasOwn(EXT_LISTS, ext) ? EXT_LISTS[ext as keyof typeof EXT_LISTS] : undefined;
}

/** emptyDirPackage returns a DirPackage with no files. */
export function emptyDirPackage(dir: string): DirPackage {
  return {
    dir,
    name: "",
    goFiles: [],
    cgoFiles: [],
    ignoredGoFiles: [],
    invalidGoFiles: [],
    ignoredOtherFiles: [],
    cFiles: [],
    cxxFiles: [],
    mFiles: [],
    hFiles: [],
    fFiles: [],
    sFiles: [],
    swigFiles: [],
    swigCXXFiles: [],
    sysoFiles: [],
    testGoFiles: [],
    xTestGoFiles: [],
    imports: [],
    importPos: new Map(),
    testImports: [],
    xTestImports: [],
    embedPatterns: [],
    embedPatternPos: new Map(),
    testEmbedPatterns: [],
    xTestEmbedPatterns: [],
    cgoCFLAGS: [],
    cgoCPPFLAGS: [],
    cgoCXXFLAGS: [],
    cgoFFLAGS: [],
    cgoLDFLAGS: [],
    cgoPkgConfig: [],
    binaryOnly: false,
  };
}

function addPos(m: Map<string, Position[]>, key: string, p: Position): void {
  const l = m.get(key);
  if (l) l.push(p);
  else m.set(key, [p]);
}

function sortedKeys(m: Map<string, unknown>): string[] {
  return [...m.keys()].sort(byteOrder);
}

/** byteOrder compares strings the way Go's sort.Strings does (by UTF-8 bytes). */
export function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order equals UTF-8 byte order except around surrogates; fine for paths.
  return a < b ? -1 : 1;
}

/**
 * scanDir selects the files of dir for ctx, like go/build's ImportDir with mode 0. The
 * result's error is set for bad files (first one wins), a missing directory, or no Go files.
 * index selects cmd/go's module index semantics (GOROOT and module-mode packages): there a
 * malformed //go:build line ends the scan with that error only; go/build (vendor mode)
 * marks the file invalid and goes on.
 */
export function scanDir(
  ctx: BuildContext,
  cache: SourceCache,
  dir: string,
  index = true,
): DirPackage {
  const p = emptyDirPackage(dir);
  const ents = cache.dirFiles(dir);
  if (ents === undefined) {
    p.error = { kind: "notfound", dir };
    return p;
  }
  let badError: DirError | undefined;
  const badGoFile = (name: string, err: DirError) => {
    badError ??= err;
    if (!p.invalidGoFiles.includes(name)) p.invalidGoFiles.push(name);
  };
  const importPos = p.importPos;
  const testImportPos = new Map<string, Position[]>();
  const xTestImportPos = new Map<string, Position[]>();
  const embedPos = p.embedPatternPos;
  const testEmbedPos = new Map<string, Position[]>();
  const xTestEmbedPos = new Map<string, Position[]>();
  const sFilesCgo: string[] = [];
  let firstFile = "";
  for (const d of ents) {
    const name = d.name;
    const ext = d.ext;
    // The order of checks is cmd/go's module index (modindex.(*IndexPackage).Import).
    const list = listForExt(ext);
    if (ext !== ".go" && list === undefined) continue;
    const path = d.path;
    if (ext === ".syso") {
      if (goodSuffix(ctx, d.suffix)) p.sysoFiles.push(name);
      else p.ignoredOtherFiles.push(name);
      continue;
    }
    const src = cache.source(path, ext === ".go");
    if (ext === ".go" && src.readError !== undefined) {
      badGoFile(name, { kind: "bad", message: `read ${path}: ${src.readError}` });
      continue;
    }
    if (ext === ".go" && src.constraint.error === MULTIPLE_GO_BUILD) {
      badGoFile(name, { kind: "bad", message: `${name}: ${src.constraint.error}` });
      continue;
    }
    let build = goodSuffix(ctx, d.suffix);
    if (build && src.constraint.error !== undefined && !index) {
      // go/build: the file is bad (a Go file) or ignored (any other file); the scan goes on.
      if (ext === ".go")
        badGoFile(name, { kind: "bad", message: `${name}: ${src.constraint.error}` });
      else p.ignoredOtherFiles.push(name);
      continue;
    }
    if (build && src.constraint.error !== undefined) {
      // A malformed //go:build line stops the directory scan: the package gets only this error.
      p.error = { kind: "bad", message: `${name}: ${src.constraint.error}` };
      return p;
    }
    if (build) build = shouldBuild(ctx, src.constraint);
    if (!build || src.readError !== undefined) {
      if (ext === ".go") p.ignoredGoFiles.push(name);
      else p.ignoredOtherFiles.push(name);
      continue;
    }
    if (src.constraint.binaryOnly && ext === ".go" && !name.endsWith("_test.go"))
      p.binaryOnly = true;
    if (ext === ".S" || ext === ".sx") {
      sFilesCgo.push(name);
      continue;
    }
    if (ext !== ".go") {
      p[list as ExtList].push(name);
      continue;
    }
    const info = src.go!;
    if (info.parseError) {
      const pe = info.parseError;
      badGoFile(name, {
        kind: "bad",
        message: `${path}:${pe.line}:${pe.col}: ${pe.msg}`,
        pos: { file: path, line: pe.line, col: pe.col },
      });
    }
    let pkg = info.pkgName;
    if (pkg === "documentation") {
      p.ignoredGoFiles.push(name);
      continue;
    }
    const isTest = d.isTest;
    let isXTest = false;
    if (isTest && pkg.endsWith("_test") && p.name !== pkg) {
      isXTest = true;
      pkg = pkg.slice(0, -"_test".length);
    }
    if (p.name === "") {
      p.name = pkg;
      firstFile = name;
    } else if (pkg !== p.name) {
      badGoFile(name, { kind: "multiple", dir, packages: [p.name, pkg], files: [firstFile, name] });
    }
    let isCgo = false;
    for (const imp of info.imports) {
      if (imp.path !== "C") continue;
      if (isTest) {
        badGoFile(name, { kind: "bad", message: `use of cgo in test ${path} not supported` });
        continue;
      }
      isCgo = true;
      if (imp.doc !== undefined) {
        const err = saveCgo(ctx, path, p, imp.doc);
        if (err !== undefined) badGoFile(name, { kind: "bad", message: err });
      }
    }
    let fileList: string[];
    let imports: Map<string, Position[]> | undefined;
    let embeds: Map<string, Position[]> | undefined;
    if (isCgo) {
      if (ctx.cgoEnabled) {
        fileList = p.cgoFiles;
        imports = importPos;
        embeds = embedPos;
      } else {
        fileList = p.ignoredGoFiles; // imports and embeds of cgo files are ignored without cgo
      }
    } else if (isXTest) {
      fileList = p.xTestGoFiles;
      imports = xTestImportPos;
      embeds = xTestEmbedPos;
    } else if (isTest) {
      fileList = p.testGoFiles;
      imports = testImportPos;
      embeds = testEmbedPos;
    } else {
      fileList = p.goFiles;
      imports = importPos;
      embeds = embedPos;
    }
    fileList.push(name);
    if (imports)
      for (let i = 0; i < info.imports.length; i++)
        addPos(imports, info.imports[i]!.path, src.importPos[i]!);
    if (embeds)
      for (let i = 0; i < info.embeds.length; i++)
        addPos(embeds, info.embeds[i]!.pattern, src.embedPos[i]!);
  }
  p.embedPatterns = sortedKeys(embedPos);
  p.testEmbedPatterns = sortedKeys(testEmbedPos);
  p.xTestEmbedPatterns = sortedKeys(xTestEmbedPos);
  p.imports = sortedKeys(importPos);
  p.testImports = sortedKeys(testImportPos);
  p.xTestImports = sortedKeys(xTestImportPos);
  if (p.cgoFiles.length > 0) {
    p.sFiles.push(...sFilesCgo);
    p.sFiles.sort(byteOrder);
  } else {
    p.ignoredOtherFiles.push(...sFilesCgo);
    p.ignoredOtherFiles.sort(byteOrder);
  }
  if (badError) p.error = badError;
  else if (
    p.goFiles.length + p.cgoFiles.length + p.testGoFiles.length + p.xTestGoFiles.length ===
    0
  ) {
    p.error = { kind: "nogo", dir };
  }
  return p;
}

/**
 * scanDirShared is scanDir memoized across targets: a directory's file selection depends
 * only on the truth of the build tags its file names, build constraints and #cgo lines
 * mention (and on the release's known GOOS/GOARCH names), so targets that agree on those
 * tags share one result. The result must be treated as read-only.
 */
export function scanDirShared(
  ctx: BuildContext,
  cache: SourceCache,
  dir: string,
  index = true,
): DirPackage {
  const st = cache.dirState(dir);
  st.tags ??= dirTags(cache, dir);
  let key = `${ctx.goMinor}${ctx.cgoEnabled ? "c" : "n"}${index ? "i" : "b"}`;
  for (const t of st.tags) key += matchTag(ctx, t) ? "1" : "0";
  let p = st.scans.get(key) as DirPackage | undefined;
  if (!p) st.scans.set(key, (p = scanDir(ctx, cache, dir, index)));
  return p;
}

/** dirTags lists every tag that can influence scanDir's result for dir. */
function dirTags(cache: SourceCache, dir: string): string[] {
  const tags = new Set<string>(["cgo"]);
  const addExpr = (x: Expr) => {
    switch (x.kind) {
      case "tag":
        tags.add(x.tag);
        return;
      case "not":
        addExpr(x.x);
        return;
      default:
        addExpr(x.x);
        addExpr(x.y);
    }
  };
  for (const f of cache.dirFiles(dir) ?? []) {
    for (const el of f.suffix) tags.add(el);
    if (listForExt(f.ext) === undefined && f.ext !== ".go") continue;
    if (f.ext === ".syso") continue;
    const src = cache.source(f.path, f.ext === ".go");
    if (src.constraint.goBuild) addExpr(src.constraint.goBuild);
    for (const x of src.constraint.plusBuild) addExpr(x);
    for (const imp of src.go?.imports ?? []) {
      for (const line of (imp.doc ?? "").split("\n")) {
        const t = line.trim();
        if (!t.startsWith("#cgo")) continue;
        const colon = t.indexOf(":");
        for (const w of t.slice(4, colon < 0 ? undefined : colon).split(/[\s,!()&|]+/))
          if (w !== "") tags.add(w);
      }
    }
  }
  return [...tags].sort();
}

/**
 * matchAuto evaluates a #cgo line condition: a //go:build expression when it has operators,
 * else a // +build term list (go/build's matchAuto).
 */
function matchAuto(ctx: BuildContext, text: string): boolean {
  const line = /[&|()]/.test(text) ? "//go:build " + text : "// +build " + text;
  if (!line.startsWith("//go:build") && !isPlusBuild(line)) return false;
  try {
    return evaluate(parse(line), (t) => matchTag(ctx, t));
  } catch {
    return false;
  }
}

/** saveCgo records the #cgo directives of a cgo preamble; it returns an error message or undefined. */
function saveCgo(
  ctx: BuildContext,
  filename: string,
  p: DirPackage,
  text: string,
): string | undefined {
  for (const orig of text.split("\n")) {
    let line = orig.trim();
    if (line.length < 5 || !line.startsWith("#cgo") || (line[4] !== " " && line[4] !== "\t"))
      continue;
    const fields = line.split(/\s+/).filter((f) => f !== "");
    if (fields.length === 3 && (fields[1] === "nocallback" || fields[1] === "noescape")) continue;
    line = line.slice(4).trim();
    const colon = line.indexOf(":");
    if (colon < 0) return `${filename}: invalid #cgo line: ${orig}`;
    const f = line
      .slice(0, colon)
      .split(/\s+/)
      .filter((x) => x !== "");
    if (f.length < 1) return `${filename}: invalid #cgo line: ${orig}`;
    const cond = f.slice(0, -1);
    const verb = f[f.length - 1]!;
    if (cond.length > 0 && !cond.some((c) => matchAuto(ctx, c))) continue;
    const args = splitQuoted(line.slice(colon + 1));
    if (args === undefined) return `${filename}: invalid #cgo line: ${orig}`;
    for (let i = 0; i < args.length; i++) {
      const a = expandSrcDir(args[i]!, p.dir);
      if (a === undefined)
        return `${filename}: malformed #cgo argument: ${args[i]!.replaceAll("${SRCDIR}", p.dir)}`;
      args[i] = a;
    }
    if (["CFLAGS", "CPPFLAGS", "CXXFLAGS", "FFLAGS", "LDFLAGS"].includes(verb))
      makePathsAbsolute(args, p.dir);
    switch (verb) {
      case "CFLAGS":
        p.cgoCFLAGS.push(...args);
        break;
      case "CPPFLAGS":
        p.cgoCPPFLAGS.push(...args);
        break;
      case "CXXFLAGS":
        p.cgoCXXFLAGS.push(...args);
        break;
      case "FFLAGS":
        p.cgoFFLAGS.push(...args);
        break;
      case "LDFLAGS":
        p.cgoLDFLAGS.push(...args);
        break;
      case "pkg-config":
        p.cgoPkgConfig.push(...args);
        break;
      default:
        return `${filename}: invalid #cgo verb: ${orig}`;
    }
  }
  return undefined;
}

/** splitQuoted splits s into words with '...' and "..." quoting and \ escapes (go/build). */
function splitQuoted(s: string): string[] | undefined {
  const args: string[] = [];
  let arg = "";
  let escaped = false;
  let quoted = false;
  let quote = "";
  for (const r of s) {
    if (escaped) escaped = false;
    else if (r === "\\") {
      escaped = true;
      continue;
    } else if (quote !== "") {
      if (r === quote) {
        quote = "";
        continue;
      }
    } else if (r === '"' || r === "'") {
      quoted = true;
      quote = r;
      continue;
    } else if (/\s/u.test(r)) {
      if (quoted || arg.length > 0) {
        quoted = false;
        args.push(arg);
        arg = "";
      }
      continue;
    }
    arg += r;
  }
  if (quoted || arg.length > 0) args.push(arg);
  if (quote !== "" || escaped) return undefined;
  return args;
}

const SAFE_SRCDIR = /^[A-Za-z0-9+\-.,/_ :=@\u0080-\u{10ffff}]*$/u;

function expandSrcDir(str: string, srcdir: string): string | undefined {
  const res = str.replaceAll("${SRCDIR}", srcdir);
  if (str === res) return res;
  // go/build's safeCgoName: ${SRCDIR} may only expand to safe characters.
  if (!SAFE_SRCDIR.test(srcdir)) return undefined;
  return res;
}

function makePathsAbsolute(args: string[], srcDir: string): void {
  let nextPath = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (nextPath) {
      if (!arg.startsWith("/")) args[i] = joinPath(srcDir, arg);
      nextPath = false;
    } else if (arg.startsWith("-I") || arg.startsWith("-L")) {
      if (arg.length === 2) nextPath = true;
      else if (!arg.slice(2).startsWith("/"))
        args[i] = arg.slice(0, 2) + joinPath(srcDir, arg.slice(2));
    }
  }
}

function joinPath(a: string, b: string): string {
  const parts: string[] = [];
  for (const seg of (a + "/" + b).split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}
