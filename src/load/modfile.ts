// Parsing go.mod, go.work and vendor/modules.txt (the subset of golang.org/x/mod/modfile
// the loader needs: module, go, toolchain, require, replace, exclude, use).

import type { ErrorKind } from "../errors.js";

/** ModVersion is a module path at a version ("" for a directory or a main module). */
export interface ModVersion {
  path: string;
  version: string;
}

/** Replace is one replace directive; a new version of "" with a local path means a directory. */
export interface Replace {
  old: ModVersion; // old.version "" replaces every version
  new: ModVersion;
  isDir: boolean; // the replacement is a directory (path starts with ./, ../ or /)
}

/** Require is one require directive. */
export interface Require extends ModVersion {
  indirect: boolean;
}

/** ModFile is a parsed go.mod (or go.work, with use instead of module/require). */
export interface ModFile {
  module: string;
  go: string; // "" when there is no go directive
  toolchain: string;
  require: Require[];
  replace: Replace[];
  exclude: ModVersion[];
  use: string[]; // go.work only: the module directories
  godebug: [string, string][]; // godebug key=value lines, in order
}

/** ModFileError is a syntax error in a go.mod or go.work file, with go's file:line prefix. */
export class ModFileError extends Error {
  override name = "ModFileError";
  readonly kind: ErrorKind = "failure";
}

function tokenize(line: string): { words: string[]; comment: string } {
  const words: string[] = [];
  let i = 0;
  let comment = "";
  while (i < line.length) {
    const c = line[i]!;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (line.startsWith("//", i)) {
      comment = line.slice(i + 2).trim();
      break;
    }
    if (c === '"' || c === "`") {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += line[j] === "\\" && c === '"' ? 2 : 1;
      const lit = line.slice(i, j + 1);
      words.push(c === "`" ? lit.slice(1, -1) : (JSON.parse(lit) as string));
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < line.length && !/[ \t\r]/.test(line[j]!) && !line.startsWith("//", j)) j++;
    words.push(line.slice(i, j));
    i = j;
  }
  return { words, comment };
}

/** isLocalReplacement reports whether a replacement path names a directory. */
export function isLocalReplacement(p: string): boolean {
  return p.startsWith("./") || p.startsWith("../") || p.startsWith("/") || p === "." || p === "..";
}

// The directives x/mod/modfile knows in go.mod and go.work; any other is an error there.
const MOD_VERBS = new Set([
  "module",
  "go",
  "godebug",
  "toolchain",
  "require",
  "exclude",
  "replace",
  "retract",
  "tool",
  "ignore",
]);
const WORK_VERBS = new Set(["go", "godebug", "toolchain", "use", "replace"]);

/** parseModFile parses go.mod or go.work text; file names the file in errors. */
export function parseModFile(text: string, file: string): ModFile {
  const mf: ModFile = {
    module: "",
    go: "",
    toolchain: "",
    require: [],
    replace: [],
    exclude: [],
    use: [],
    godebug: [],
  };
  let block = "";
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const { words, comment } = tokenize(lines[n]!);
    if (words.length === 0) continue;
    const fail = (msg: string): never => {
      throw new ModFileError(`${file}:${n + 1}: ${msg}`);
    };
    if (block !== "") {
      if (words[0] === ")") {
        block = "";
        continue;
      }
      directive(mf, block, words, comment, fail);
      continue;
    }
    const verb = words[0]!;
    if (!(file.endsWith("go.work") ? WORK_VERBS : MOD_VERBS).has(verb))
      fail(`unknown directive: ${verb}`);
    if (words[1] === "(" && words.length === 2) {
      block = verb;
      continue;
    }
    directive(mf, verb, words.slice(1), comment, fail);
  }
  return mf;
}

function directive(
  mf: ModFile,
  verb: string,
  args: string[],
  comment: string,
  fail: (m: string) => never,
): void {
  switch (verb) {
    case "module":
      mf.module = args[0] ?? fail("usage: module module/path");
      return;
    case "go":
      mf.go = args[0] ?? fail("usage: go 1.23");
      return;
    case "toolchain":
      mf.toolchain = args[0] ?? "";
      return;
    case "godebug": {
      const kv = args.length === 1 ? args[0]! : "";
      const eq = kv.indexOf("=");
      if (eq <= 0 || /["`',]/.test(kv)) fail("usage: godebug key=value");
      mf.godebug.push([kv.slice(0, eq), kv.slice(eq + 1)]);
      return;
    }
    case "require":
      if (args.length !== 2) fail("usage: require module/path v1.2.3");
      mf.require.push({
        path: args[0]!,
        version: args[1]!,
        indirect: /^indirect(;|$)/.test(comment),
      });
      return;
    case "exclude":
      if (args.length === 2) mf.exclude.push({ path: args[0]!, version: args[1]! });
      return;
    case "use":
      if (args[0] !== undefined) mf.use.push(args[0]);
      return;
    case "replace": {
      const arrow = args.indexOf("=>");
      if (arrow < 1 || arrow > 2)
        fail(
          "usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory",
        );
      const old: ModVersion = { path: args[0]!, version: arrow === 2 ? args[1]! : "" };
      const rest = args.slice(arrow + 1);
      if (rest.length === 0 || rest.length > 2)
        fail("usage: replace module/path [v1.2.3] => other/module v1.4");
      const nw: ModVersion = { path: rest[0]!, version: rest[1] ?? "" };
      const isDir = rest.length === 1 && isLocalReplacement(nw.path);
      if (rest.length === 1 && !isDir)
        fail(
          `replacement module without version must be directory path (rooted or starting with . or ..)`,
        );
      mf.replace.push({ old, new: nw, isDir });
      return;
    }
    default:
      // retract, tool, ignore and unknown verbs do not affect loading.
      return;
  }
}

/** VendorModule is one "# path version" entry of vendor/modules.txt. */
export interface VendorModule extends ModVersion {
  explicit: boolean;
  goVersion: string;
  replacement?: ModVersion;
  packages: string[];
}

/** parseVendorModules parses vendor/modules.txt. */
export function parseVendorModules(text: string): VendorModule[] {
  const out: VendorModule[] = [];
  let cur: VendorModule | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("# ")) {
      const f = line.slice(2).split(/\s+/);
      const arrow = f.indexOf("=>");
      const head = arrow >= 0 ? f.slice(0, arrow) : f;
      cur = {
        path: head[0] ?? "",
        version: head[1] ?? "",
        explicit: false,
        goVersion: "",
        packages: [],
      };
      if (arrow >= 0) cur.replacement = { path: f[arrow + 1] ?? "", version: f[arrow + 2] ?? "" };
      out.push(cur);
    } else if (line.startsWith("## ") && cur) {
      for (const ann of line.slice(3).split(";")) {
        const a = ann.trim();
        if (a === "explicit") cur.explicit = true;
        else if (a.startsWith("go ")) cur.goVersion = a.slice(3).trim();
      }
    } else if (line !== "" && !line.startsWith("#") && cur) {
      cur.packages.push(line);
    }
  }
  return out;
}

/** compareSemver orders module versions ("none" and "" sort first). */
export function compareSemver(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (!pa || !pb) return !pa && !pb ? (a < b ? -1 : 1) : !pa ? -1 : 1;
  for (let i = 0; i < 3; i++) if (pa.n[i] !== pb.n[i]) return pa.n[i]! < pb.n[i]! ? -1 : 1;
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === "") return 1;
  if (pb.pre === "") return -1;
  const xa = pa.pre.split(".");
  const xb = pb.pre.split(".");
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const u = xa[i];
    const v = xb[i];
    if (u === undefined) return -1;
    if (v === undefined) return 1;
    if (u === v) continue;
    const nu = /^\d+$/.test(u);
    const nv = /^\d+$/.test(v);
    if (nu && nv) return u.length !== v.length ? (u.length < v.length ? -1 : 1) : u < v ? -1 : 1;
    if (nu) return -1;
    if (nv) return 1;
    return u < v ? -1 : 1;
  }
  return 0;
}

function parseSemver(v: string): { n: number[]; pre: string } | undefined {
  const m = /^v(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) return undefined;
  return { n: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4] ?? "" };
}

/** escapeModulePath is the module cache's case encoding: "A" becomes "!a". */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => "!" + c.toLowerCase());
}
