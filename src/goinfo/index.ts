/**
 * Package goinfo reads a Go binary's build ID and build info over any binfmt reader (the
 * answers of `go tool buildid` and `go version -m`), and derives verdicts from them.
 */
export { summarize, type Summary } from "./summary.js";
export { readBuildID } from "./buildid.js";
export { readBuildInfo, readRawBuildInfo, type RawBuildInfo } from "./buildinfo.js";
export {
  parseModInfo,
  formatBuildInfo,
  buildInfoJSON,
  ModInfoParseError,
  type BuildInfo,
  type Module,
  type BuildSetting,
} from "./modinfo.js";
export { verdicts, type Verdict, type VerdictID } from "./verdicts.js";
export { BuildInfoError, BuildIDError } from "./errors.js";
