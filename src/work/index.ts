// The native build driver: plans compile/asm/pack/link actions for every package of every
// target in one graph (action.ts), runs them with the real go tools (exec.ts, perform.ts,
// toolargs.ts), caches outputs by content (../cache), and writes the same bytes as go build.
export {
  build,
  MIN_NATIVE_MINOR,
  UnsupportedError,
  type BuildOptions,
  type BuildResult,
  type BuildEvent,
  type TargetFailure,
  type LoaderKind,
} from "./build.js";
export { buildWithGo } from "./gobackend.js";
export {
  planBuild,
  graphJSON,
  type Action,
  type ActionKind,
  type ActionGraph,
  type TargetBuild,
} from "./action.js";
export { targetOf, targetEnv, targetDirSuffix, type Target } from "./target.js";
export { listPackages, parseGoList, LoadError } from "../load/golist.js";
export { NativeLoader } from "../load/nativeload.js";
export type { BuildPackage, ModuleInfo } from "../load/package.js";
export { sha256sums, artifactPath, type Artifact } from "./output.js";
