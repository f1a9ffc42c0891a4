import type { SubarchVar } from "./arch.js";

/**
 * The sub-architecture variables of internal/buildcfg, per Go release: which values each
 * accepts, the build tags a value implies (buildcfg's gogoarchTags) and the -D defines cmd/go
 * passes to the assembler (cmd/go/internal/work/gc.go asmArgs). Versions are Go minor releases.
 */

/** SubarchValue is a checked value of a sub-arch variable. */
export interface SubarchValue {
  variable: SubarchVar;
  value: string; // as it goes into the environment, e.g. "6", "v8.2,lse", "power9"
  toolTags: string[]; // e.g. ["arm.5", "arm.6"]
  asmDefines: string[]; // the names after -D, e.g. ["GOARM_6", "GOARM_5"]
}

/** SubarchError is an invalid value; its message is the toolchain's own wording. */
export class SubarchError extends Error {
  override name = "SubarchError";
}

/** SubarchRule describes one variable as one Go release understands it. */
export interface SubarchRule {
  variable: SubarchVar;
  since: number; // first release with the variable
  choices: (minor: number) => string[]; // the values to show a user (not every accepted spelling)
  upstreamDefault: (minor: number, goos: string) => string; // cmd/dist's default
  check: (value: string, minor: number, goarch: string) => SubarchValue; // throws SubarchError
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

const go386: SubarchRule = {
  variable: "GO386",
  since: 16,
  choices: () => ["sse2", "softfloat"],
  upstreamDefault: () => "sse2",
  check(value, minor, goarch) {
    // cmd/compile/internal/x86/galign.go
    if (value === "387")
      throw new SubarchError(
        "unsupported setting GO386=387. Consider using GO386=softfloat instead.",
      );
    if (value !== "sse2" && value !== "softfloat")
      throw new SubarchError(`unsupported setting GO386=${value}`);
    return {
      variable: "GO386",
      value,
      toolTags: minor >= 21 ? [`${goarch}.${value}`] : [],
      asmDefines: [`GO386_${value}`],
    };
  },
};

const goamd64: SubarchRule = {
  variable: "GOAMD64",
  since: 18,
  choices: () => ["v1", "v2", "v3", "v4"],
  upstreamDefault: () => "v1",
  check(value, minor, goarch) {
    const n = ["v1", "v2", "v3", "v4"].indexOf(value) + 1;
    if (n === 0) throw new SubarchError("invalid GOAMD64: must be v1, v2, v3, v4");
    return {
      variable: "GOAMD64",
      value,
      toolTags: minor >= 21 ? range(1, n).map((i) => `${goarch}.v${i}`) : [],
      asmDefines: [`GOAMD64_${value}`],
    };
  },
};

const goarm: SubarchRule = {
  variable: "GOARM",
  since: 0,
  choices: (minor) =>
    minor >= 22 ? ["5", "6", "7", "5,hardfloat", "6,softfloat", "7,softfloat"] : ["5", "6", "7"],
  upstreamDefault: (minor, goos) => (goos === "android" || minor >= 21 ? "7" : "5"),
  check(value, minor, goarch) {
    let v = value;
    if (minor >= 22) {
      // A float mode may follow: "7,softfloat", "6,hardfloat".
      if (v.endsWith(",softfloat")) v = v.slice(0, -",softfloat".length);
      else if (v.endsWith(",hardfloat")) v = v.slice(0, -",hardfloat".length);
    }
    if (v !== "5" && v !== "6" && v !== "7") {
      throw new SubarchError(
        minor >= 22
          ? 'invalid GOARM: must start with 5, 6, or 7, and may optionally end in either ",hardfloat" or ",softfloat"'
          : "invalid GOARM: must be 5, 6, 7",
      );
    }
    const n = Number(v);
    const defs =
      minor >= 22
        ? range(5, n)
            .reverse()
            .map((i) => `GOARM_${i}`)
        : [];
    return {
      variable: "GOARM",
      value,
      toolTags: minor >= 21 ? range(5, n).map((i) => `${goarch}.${i}`) : [],
      asmDefines: defs,
    };
  },
};

const arm64Versions = [...range(0, 9).map((i) => `v8.${i}`), ...range(0, 5).map((i) => `v9.${i}`)];

const goarm64: SubarchRule = {
  variable: "GOARM64",
  since: 23,
  choices: () => [...arm64Versions, "v8.0,lse", "v8.0,crypto", "v8.0,lse,crypto"],
  upstreamDefault: () => "v8.0",
  check(value, _minor, goarch) {
    let v = value;
    let lse = false;
    // Any combination of suffixes, in any order (buildcfg.ParseGoarm64).
    for (;;) {
      if (v.endsWith(",lse")) {
        lse = true;
        v = v.slice(0, -4);
      } else if (v.endsWith(",crypto")) {
        v = v.slice(0, -7);
      } else break;
    }
    if (!arm64Versions.includes(v)) {
      throw new SubarchError(
        'invalid GOARM64: must start with v8.{0-9} or v9.{0-5} and may optionally end in ",lse" and/or ",crypto"',
      );
    }
    if (v !== "v8.0") lse = true; // LSE is mandatory from v8.1
    const major = Number(v[1]);
    const minorV = Number(v[3]);
    const tags = range(0, minorV).map((i) => `${goarch}.v${major}.${i}`);
    if (major === 9) {
      // v9.x includes v8.(x+5).
      for (let i = 0; i <= minorV + 5 && i <= 9; i++) tags.push(`${goarch}.v8.${i}`);
    }
    return { variable: "GOARM64", value, toolTags: tags, asmDefines: lse ? ["GOARM64_LSE"] : [] };
  },
};

function floatRule(variable: "GOMIPS" | "GOMIPS64"): SubarchRule {
  return {
    variable,
    since: 0,
    choices: () => ["hardfloat", "softfloat"],
    upstreamDefault: () => "hardfloat",
    check(value, minor, goarch) {
      if (value !== "hardfloat" && value !== "softfloat") {
        throw new SubarchError(`invalid ${variable}: must be hardfloat, softfloat`);
      }
      return {
        variable,
        value,
        toolTags: minor >= 21 ? [`${goarch}.${value}`] : [],
        asmDefines: [`${variable}_${value}`],
      };
    },
  };
}

const goppc64: SubarchRule = {
  variable: "GOPPC64",
  since: 0,
  choices: (minor) => (minor >= 21 ? ["power8", "power9", "power10"] : ["power8", "power9"]),
  upstreamDefault: () => "power8",
  check(value, minor, goarch) {
    const ok = minor >= 21 ? ["power8", "power9", "power10"] : ["power8", "power9"];
    if (!ok.includes(value)) throw new SubarchError(`invalid GOPPC64: must be ${ok.join(", ")}`);
    const n = Number(value.slice("power".length));
    return {
      variable: "GOPPC64",
      value,
      toolTags: minor >= 21 ? range(8, n).map((i) => `${goarch}.power${i}`) : [],
      asmDefines:
        minor >= 21
          ? range(8, n)
              .reverse()
              .map((i) => `GOPPC64_power${i}`)
          : [],
    };
  },
};

const goriscv64: SubarchRule = {
  variable: "GORISCV64",
  since: 23,
  choices: (minor) =>
    minor >= 25 ? ["rva20u64", "rva22u64", "rva23u64"] : ["rva20u64", "rva22u64"],
  upstreamDefault: () => "rva20u64",
  check(value, minor, goarch) {
    const ok = goriscv64.choices(minor);
    if (!ok.includes(value)) throw new SubarchError(`invalid GORISCV64: must be ${ok.join(", ")}`);
    const tags = ok.slice(0, ok.indexOf(value) + 1).map((v) => `${goarch}.${v}`);
    return { variable: "GORISCV64", value, toolTags: tags, asmDefines: [`GORISCV64_${value}`] };
  },
};

const gowasm: SubarchRule = {
  variable: "GOWASM",
  since: 13,
  choices: () => ["satconv", "signext", "satconv,signext"],
  upstreamDefault: () => "",
  check(value, minor, goarch) {
    const feats = new Set<string>();
    for (const opt of value.split(",")) {
      if (opt === "") continue;
      if (opt !== "satconv" && opt !== "signext") {
        throw new SubarchError(`invalid GOWASM: no such feature "${opt}"`);
      }
      feats.add(opt);
    }
    // Since Go 1.26 both features are always on, and their tags always set.
    const on =
      minor >= 26 ? ["satconv", "signext"] : ["satconv", "signext"].filter((f) => feats.has(f));
    return {
      variable: "GOWASM",
      value,
      toolTags: minor >= 21 ? on.map((f) => `${goarch}.${f}`) : [],
      asmDefines: [],
    };
  },
};

const rules: Readonly<Record<SubarchVar, SubarchRule>> = {
  GO386: go386,
  GOAMD64: goamd64,
  GOARM: goarm,
  GOARM64: goarm64,
  GOMIPS: floatRule("GOMIPS"),
  GOMIPS64: floatRule("GOMIPS64"),
  GOPPC64: goppc64,
  GORISCV64: goriscv64,
  GOWASM: gowasm,
};

/** subarchRule returns the rule for a variable, or undefined when Go 1.minor does not have it. */
export function subarchRule(variable: SubarchVar, minor: number): SubarchRule | undefined {
  const r = rules[variable];
  return minor >= r.since ? r : undefined;
}

/**
 * normalizeVariant turns a selector's variant into the variable's value: "v6" for GOARM is
 * "6" (the spelling of `linux/arm/v6`, as docker and goreleaser write it); everything else is
 * taken as written.
 */
export function normalizeVariant(variable: SubarchVar, variant: string): string {
  if (variable === "GOARM" && /^v[0-9]/.test(variant)) return variant.slice(1);
  return variant;
}
