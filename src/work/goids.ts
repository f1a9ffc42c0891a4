// cmd/go's own action IDs (exec.go buildActionID/linkActionID), reproduced so the build ID
// of every output equals go build's.

import { createHash } from "node:crypto";
import { hasArchive, internalImports, type Action } from "./action.js";
import { goQuote } from "../goinfo/quote.js";
import { hashToString } from "./buildid.js";
import { codegenFlags, linkBuildmode, type BuildFlags } from "./toolargs.js";

/**
 * GoIDInputs are what cmd/go's action IDs depend on beyond the package: the tools'
 * `-V=full` identities, the build flags and the environment.
 */
export interface GoIDInputs {
  version: string; // the hash salt: runtime.Version() of the go command ("go1.27.4")
  goroot: string;
  toolIDs: { compile: string; asm: string; link: string }; // "compile version go1.27.4", ...
  flags: BuildFlags;
  goexperiment: string; // cfg.CleanGOEXPERIMENT
  extlinkEnabled: string; // $GO_EXTLINK_ENABLED
  fileHash: (path: string) => string; // hex sha256 of a file
  modinfo: (a: Action) => string; // BuildInfo.String() of a main package
}

/*
 * Go's own action IDs. cmd/go puts build IDs derived from them into every archive and
 * executable, and for commands in cmd/ (cmd/go, cmd/compile, ...) into the program itself
 * (-X cmd/internal/objabi.buildID), so reproducing those programs byte for byte needs the
 * same IDs. This file writes the same hash input lines as exec.go's buildActionID and
 * linkActionID (GODEBUG=gocachehash=1 prints them), with crossgo's values.
 */

// goQuoteList is Go's %q of a []string: ["a" "b"].
function goQuoteList(xs: readonly string[]): string {
  return "[" + xs.map(goQuote).join(" ") + "]";
}

class GoHash {
  private h = createHash("sha256");
  constructor(salt: string) {
    this.h.update(salt);
  }
  line(s: string): void {
    this.h.update(s + "\n");
  }
  sum(): Buffer {
    return this.h.digest();
  }
}

function archEnvLine(a: Action): string {
  const e = a.target.archEnv;
  const key = e?.key ?? (a.target.goarch === "wasm" ? "GOWASM" : "");
  return `${key}=${e?.value ?? ""}`;
}

/** contentID is the part of a build ID after its last "/". */
export function contentID(buildID: string): string {
  return buildID.slice(buildID.lastIndexOf("/") + 1);
}

/**
 * goCompileID is exec.go's buildActionID for a's package (gc toolchain, no cgo, cover, PGO).
 * deps maps import paths to their (finished) compile actions.
 */
export function goCompileID(g: GoIDInputs, a: Action, deps: ReadonlyMap<string, Action>): Buffer {
  const p = a.pkg;
  const h = new GoHash(g.version);
  h.line("compile");
  if (g.flags.trimpath) {
    if (p.Module) h.line(`module ${p.Module.Path}@${p.Module.Version ?? ""}`);
  } else if (!p.Goroot) {
    h.line(`dir ${p.Dir}`);
  }
  if (p.Module) h.line(`go ${p.Module.GoVersion ?? ""}`);
  h.line(`goos ${a.target.goos} goarch ${a.target.goarch}`);
  h.line(`import ${goQuote(p.ImportPath)}`);
  h.line(`omitdebug false standard ${String(p.Standard)} local false prefix ""`);
  if (g.flags.trimpath) h.line("trimpath");
  if (p.Name === "main") h.line(`modinfo ${goQuote(g.modinfo(a))}`);
  const forced = codegenFlags(a.target);
  h.line(`compile ${g.toolIDs.compile} ${goQuoteList(forced)} []`);
  if (p.SFiles.length > 0) h.line(`asm ${goQuote(g.toolIDs.asm)} ${goQuoteList(forced)} []`);
  h.line(archEnvLine(a));
  if (g.goexperiment !== "") h.line(`GOEXPERIMENT=${goQuote(g.goexperiment)}`);
  const inputs = [
    ...p.GoFiles,
    ...p.CgoFiles,
    ...p.CFiles,
    ...p.CXXFiles,
    ...p.FFiles,
    ...p.MFiles,
    ...p.HFiles,
    ...p.SFiles,
    ...p.SysoFiles,
    ...p.SwigFiles,
    ...p.SwigCXXFiles,
    ...p.EmbedFiles,
  ];
  for (const f of inputs)
    h.line(`file ${f} ${hashToString(Buffer.from(g.fileHash(`${p.Dir}/${f}`), "hex"))}`);
  for (const path of internalImports(p, a.target)) {
    const d = deps.get(path);
    h.line(`import ${path} ${hasArchive(path) ? contentID(d?.buildID ?? "") : ""}`);
  }
  return h.sum();
}

/** goLinkID is exec.go's linkActionID for link action a (its deps in linkOrder). */
export function goLinkID(g: GoIDInputs, a: Action): Buffer {
  const p = a.pkg;
  const h = new GoHash(g.version);
  h.line("link");
  h.line(`buildmode default goos ${a.target.goos} goarch ${a.target.goarch}`);
  h.line(`import ${goQuote(p.ImportPath)}`);
  h.line(`omitdebug false standard ${String(p.Standard)} local false prefix ""`);
  h.line(`defaultgodebug ${goQuote(p.DefaultGODEBUG ?? "")}`);
  if (g.flags.trimpath) h.line("trimpath");
  h.line(`link ${g.toolIDs.link} [] ${linkBuildmode(a.target)}`);
  h.line(`linkflags ${goQuoteList(g.flags.ldflags)}`);
  h.line(archEnvLine(a));
  if (g.goexperiment !== "") h.line(`GOEXPERIMENT=${goQuote(g.goexperiment)}`);
  h.line(`GOROOT=${g.flags.trimpath ? "" : g.goroot}`);
  h.line(`GO_EXTLINK_ENABLED=${g.extlinkEnabled}`);
  for (const d of a.deps) {
    h.line(`packagefile ${d.pkg.ImportPath}=${contentID(d.buildID ?? "")}`);
    if (d.pkg.Name === "main") h.line(`packagemain ${d.buildID ?? ""}`);
  }
  return h.sum();
}
