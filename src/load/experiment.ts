// GOEXPERIMENT: which experiments a toolchain enables by default for a target, and the
// "goexperiment.X" build tags that follow (internal/buildcfg/exp.go, ParseGOEXPERIMENT).
// The baselines below are per release; each row names the release that introduced it.

import type { ErrorKind } from "../errors.js";

/** Baseline describes the default experiments of one range of Go releases. */
interface Baseline {
  since: number; // first Go 1.minor this row applies to
  regabiAlwaysOn: readonly string[]; // GOARCHes where register ABI is on and cannot be turned off
  regabiOptional: readonly string[]; // GOARCHes where register ABI is on by default but optional
  always: readonly string[]; // lower-cased experiments on by default for every target
  xchg8?: readonly string[]; // GOARCHes that get spinbitmutex by default (Go 1.24 only)
  dwarf5?: boolean; // dwarf5 on by default except darwin, ios, aix (Go 1.25+)
}

// Newest first; the first row with since <= minor applies.
const BASELINES: readonly Baseline[] = [
  {
    since: 27,
    regabiAlwaysOn: ["amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64", "s390x"],
    regabiOptional: [],
    always: ["randomizedheapbase64", "greenteagc", "jsonv2", "sizespecializedmalloc"],
    dwarf5: true,
  },
  {
    since: 26,
    regabiAlwaysOn: ["amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64"],
    regabiOptional: ["s390x"],
    always: ["randomizedheapbase64", "greenteagc"],
    dwarf5: true,
  },
  {
    since: 25,
    regabiAlwaysOn: ["amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64"],
    regabiOptional: [],
    always: ["aliastypeparams", "swissmap", "synchashtriemap"],
    dwarf5: true,
  },
  {
    since: 24,
    regabiAlwaysOn: ["amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64"],
    regabiOptional: [],
    always: ["coverageredesign", "aliastypeparams", "swissmap", "synchashtriemap"],
    xchg8: ["386", "amd64", "arm", "arm64", "ppc64le", "ppc64"],
  },
  {
    since: 23,
    regabiAlwaysOn: ["amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64"],
    regabiOptional: [],
    always: ["coverageredesign"],
  },
  {
    since: 22,
    regabiAlwaysOn: ["amd64", "arm64", "ppc64le", "ppc64", "riscv64"],
    regabiOptional: ["loong64"],
    always: ["coverageredesign", "allocheaders", "exectracer2"],
  },
  {
    since: 21,
    regabiAlwaysOn: ["amd64", "arm64", "ppc64le", "ppc64", "riscv64"],
    regabiOptional: [],
    always: ["coverageredesign"],
  },
  {
    since: 0,
    regabiAlwaysOn: ["amd64", "arm64", "ppc64le", "ppc64"],
    regabiOptional: ["riscv64"],
    always: [],
  },
];

/** ExperimentError is a GOEXPERIMENT value the toolchain would reject. */
export class ExperimentError extends Error {
  override name = "ExperimentError";
  readonly kind: ErrorKind = "usage";
}

/**
 * enabledExperiments returns the lower-cased experiments in effect for a target of Go 1.minor
 * with the GOEXPERIMENT value goexp ("" for the default), like buildcfg's
 * ParseGOEXPERIMENT(...).Enabled(). Names are not checked against the release's list.
 */
export function enabledExperiments(
  minor: number,
  goos: string,
  goarch: string,
  goexp = "",
): string[] {
  const row = BASELINES.find((b) => b.since <= minor) as Baseline;
  const alwaysOn = row.regabiAlwaysOn.includes(goarch);
  const supported = alwaysOn || row.regabiOptional.includes(goarch);
  const on = new Set<string>(row.always);
  if (supported) on.add("regabiwrappers").add("regabiargs");
  if (row.xchg8?.includes(goarch)) on.add("spinbitmutex");
  if (row.dwarf5 && goos !== "darwin" && goos !== "ios" && goos !== "aix") on.add("dwarf5");
  for (const f of goexp.split(",")) {
    if (f === "") continue;
    if (f === "none") {
      on.clear();
      continue;
    }
    const val = !f.startsWith("no");
    const name = val ? f : f.slice(2);
    const names = name === "regabi" ? ["regabiwrappers", "regabiargs"] : [name];
    for (const n of names) {
      if (val) on.add(n);
      else on.delete(n);
    }
  }
  if (alwaysOn) on.add("regabiwrappers").add("regabiargs");
  if (!supported) {
    on.delete("regabiwrappers");
    on.delete("regabiargs");
  }
  if (on.has("regabiargs") && !on.has("regabiwrappers")) {
    throw new ExperimentError("GOEXPERIMENT regabiargs requires regabiwrappers");
  }
  return [...on].sort();
}
