/**
 * crossgo's library entry. The port table and target resolution, and toolchain discovery, are
 * exported at the top level; the other parts as namespaces: constraint (//go:build), load
 * (packages for any target, like go list), work (the native build driver), binfmt (binary
 * readers), goinfo (build ID and build info), config (crossgo.json). The CLI (bin/crossgo.js)
 * is built on the same modules.
 */
export * from "./platform/index.js";
export * from "./toolchain/index.js";
export * as constraint from "./constraint/index.js";
export * as load from "./load/loader.js";
export * as work from "./work/index.js";
export * as binfmt from "./binfmt/index.js";
export * as goinfo from "./goinfo/index.js";
export * as config from "./config/config.js";
