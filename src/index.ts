/**
 * crossgo's library entry: the port table and target resolution, toolchain discovery, and the
 * //go:build constraint language. The CLI (bin/crossgo.js) is built on the same modules.
 */
export * from "./platform/index.js";
export * from "./toolchain/index.js";
export * as constraint from "./constraint/index.js";
