/**
 * Package toolchain finds installed Go toolchains, checks a module's go and toolchain lines
 * against them, tells the bootstrap policy, and reads a toolchain's own port table and defaults.
 */
export {
  findToolchain,
  inspectGoroot,
  debianToolchains,
  describeToolchain,
  hostPlatform,
  ToolchainError,
  type Toolchain,
  type ToolchainSource,
  type FindOptions,
} from "./discover.js";
export {
  parseGoModDirectives,
  readGoModDirectives,
  findGoMod,
  checkToolchain,
  GoModError,
  ToolchainTooOldError,
  type GoModDirectives,
  type RequirementCheck,
} from "./gomod.js";
export {
  bootstrapRequirement,
  checkBootstrap,
  bootstrapTable,
  type BootstrapRequirement,
  type BootstrapVerdict,
} from "./bootstrap.js";
export { platformFromToolchain, toolchainDefaults, distList, goEnv } from "./platform.js";
