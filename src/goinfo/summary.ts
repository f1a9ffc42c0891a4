import type { BinaryInfo } from "../binfmt/binary.js";
import { FormatError } from "../binfmt/errors.js";
import { openBinary } from "../binfmt/open.js";
import { cachedSource } from "../binfmt/source.js";
import type { ByteSource } from "../binfmt/source.js";
import { readBuildID } from "./buildid.js";
import { readBuildInfo } from "./buildinfo.js";
import { BuildIDError, BuildInfoError } from "./errors.js";
import type { BuildInfo } from "./modinfo.js";

/** Summary is everything crossgo reads from one binary: format facts, build ID and build info. */
export interface Summary {
  info?: BinaryInfo; // undefined when no reader accepted the file
  formatError?: string; // why the reader rejected it
  buildID: string; // "" when absent
  buildIDError?: string;
  buildInfo?: BuildInfo;
  buildInfoError?: string; // debug/buildinfo's wording: "not a Go executable", ...
  goos?: string; // from build info's GOOS setting, else the format's guess
  goarch?: string;
}

/**
 * summarize opens src with the matching reader and reads its build ID and build info. Problems
 * are recorded in the summary, never thrown, except for exceptions that are not format errors
 * (I/O failures, bugs).
 */
export async function summarize(file: ByteSource): Promise<Summary> {
  const src = cachedSource(file);
  const out: Summary = { buildID: "" };
  try {
    out.buildID = await readBuildID(src);
  } catch (e) {
    if (!(e instanceof BuildIDError || e instanceof FormatError)) throw e;
    out.buildIDError = e.message;
  }
  try {
    const bin = await openBinary(src);
    out.info = bin.info;
    try {
      out.buildInfo = await readBuildInfo(bin);
    } catch (e) {
      if (!(e instanceof BuildInfoError || e instanceof FormatError)) throw e;
      out.buildInfoError = e instanceof BuildInfoError ? e.message : "unrecognized file format";
      // Go's wasm linker writes no build info blob (debug/buildinfo cannot read wasm either):
      // a wasm module with a Go build ID is a Go program whose version is not recorded.
      if (bin.info.format === "wasm" && out.buildID !== "")
        out.buildInfoError =
          "no build info: Go's linker writes none into wasm modules, and go version -m reads none";
    }
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    out.formatError = e.message;
    out.buildInfoError = "unrecognized file format";
  }
  const setting = (k: string) => out.buildInfo?.Settings.find((s) => s.Key === k)?.Value;
  out.goos = setting("GOOS") ?? out.info?.goos;
  out.goarch = setting("GOARCH") ?? out.info?.goarch;
  return out;
}
