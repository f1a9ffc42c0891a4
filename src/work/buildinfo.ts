// The build info cmd/go's setBuildInfo records in a main package (runtime.modinfo): its
// modules (load's buildModules) and the build settings.

import { formatBuildInfo, type BuildInfo } from "../goinfo/modinfo.js";
import { buildModules } from "../load/buildmods.js";
import type { BuildPackage } from "../load/package.js";

export type { BuildInfo } from "../goinfo/modinfo.js";

/** BuildSettingsInput are the build flags the build info records (cmd/go's setBuildInfo). */
export interface BuildSettingsInput {
  ldflags: string; // the -ldflags value as the user wrote it ("" when none)
  tags: string[];
  trimpath: boolean;
  cgoEnabled: boolean;
  goos: string;
  goarch: string;
  archEnv?: { key: string; value: string };
  goexperiment: string; // raw GOEXPERIMENT from the environment
  gofips140: string; // GOFIPS140 from the environment ("" or "off": not recorded)
}

// The sentinels cmd/go wraps the build info text in (cmd/go/internal/modload/build.go) so
// debug/buildinfo can find it in the binary's runtime.modinfo string.
const infoStart = Buffer.from("3077af0c9274080241e1c107e6d618e6", "hex");
const infoEnd = Buffer.from("f932433186182072008242104116d8f2", "hex");

/**
 * buildInfoFor computes the build info of main package p from the loaded packages of its
 * build (byPath: import path -> package), as cmd/go's setBuildInfo does with -buildvcs=false.
 */
export function buildInfoFor(
  p: BuildPackage,
  byPath: ReadonlyMap<string, BuildPackage>,
  s: BuildSettingsInput,
): BuildInfo {
  const { main, deps: sortedDeps } = buildModules(p, byPath);

  const settings: BuildInfo["Settings"] = [];
  const add = (key: string, value: string) =>
    settings.push({ Key: key, Value: value.replaceAll("\n", " ") });
  add("-buildmode", p.Name === "main" ? "exe" : "archive");
  add("-compiler", "gc");
  if (s.ldflags !== "" && !s.trimpath) add("-ldflags", s.ldflags);
  if (s.tags.length > 0) add("-tags", s.tags.join(","));
  if (s.trimpath) add("-trimpath", "true");
  if (p.DefaultGODEBUG) add("DefaultGODEBUG", p.DefaultGODEBUG);
  add("CGO_ENABLED", s.cgoEnabled ? "1" : "0");
  add("GOARCH", s.goarch);
  if (s.goexperiment !== "") add("GOEXPERIMENT", s.goexperiment);
  if (s.gofips140 !== "" && s.gofips140 !== "off") add("GOFIPS140", s.gofips140);
  add("GOOS", s.goos);
  if (s.archEnv && s.archEnv.value !== "") add(s.archEnv.key, s.archEnv.value);
  return { GoVersion: "", Path: p.ImportPath, Main: main, Deps: sortedDeps, Settings: settings };
}

/** modinfoBytes wraps the build info text in the sentinels, as the linker's -X runtime.modinfo wants. */
export function modinfoBytes(bi: BuildInfo): Buffer {
  return Buffer.concat([infoStart, Buffer.from(formatBuildInfo(bi), "utf8"), infoEnd]);
}
