/**
 * Package platform is crossgo's port table and the rules over it: which GOOS/GOARCH pairs
 * each Go release supports, their classes and facts, sub-architecture variables, target
 * selectors and resolution into the environment the Go tools need.
 */
export {
  archInfo,
  objectFormat,
  type ArchInfo,
  type ObjectFormat,
  subarchVars,
  type SubarchVar,
} from "./arch.js";
export { platformFor, withEnvironment, type PlatformContext } from "./context.js";
export { portRows, knownMinors, currentMinor, type PortRow } from "./ports-data.js";
export {
  ports,
  portTable,
  portClass,
  portName,
  portHistory,
  formatDistJSON,
  isKnownMinor,
  PortTableError,
  type Port,
  type PortClass,
} from "./ports.js";
export {
  resolveTarget,
  resolvePort,
  portFacts,
  findPort,
  contextFor,
  TargetError,
  type ResolvedTarget,
  type PortFacts,
  type SubarchInfo,
  type ResolveOptions,
} from "./resolve.js";
export { selectTargets, lookupPort } from "./select.js";
export {
  subarchRule,
  normalizeVariant,
  SubarchError,
  type SubarchRule,
  type SubarchValue,
} from "./subarch.js";
export { triple, zigTarget, nodePlatform, goPlatform, type NodePlatform } from "./triples.js";
export {
  parseGoVersion,
  compareGoVersions,
  formatGoVersion,
  languageVersion,
  atLeast,
  type GoVersion,
} from "./version.js";
export {
  portRules,
  rulesOf,
  externalLinkingReason,
  linkerDeps,
  buildModes,
  type BuildMode,
  type PortRules,
  type LinkOptions,
  type LinkerDepsResult,
} from "./rules.js";
