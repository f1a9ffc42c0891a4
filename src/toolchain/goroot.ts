// Reading one Go installation's own files, once: its release (VERSION), its tool directory,
// the sub-arch defaults and GOEXPERIMENT cmd/dist baked in (internal/buildcfg/zbootstrap.go)
// and its default C compilers (cmd/go/internal/cfg/zdefaultcc.go), as cmd/go's cfg package
// reads GOROOT. The core is synchronous over a read-file function, so the loader reads
// through its source cache and everything else through the file system.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { subarchVars, type SubarchVar } from "../platform/arch.js";
import { goPlatform } from "../platform/triples.js";
import { parseGoVersion } from "../platform/version.js";
import type { ErrorKind } from "../errors.js";

/** ReadText returns a file's text, or undefined when it cannot be read. */
export type ReadText = (path: string) => string | undefined;

/** Goroot is what crossgo knows of one installed Go toolchain from its files. */
export interface Goroot {
  goroot: string; // absolute GOROOT
  version: string; // "go1.27.4"
  minor: number; // 27
  hostOS: string; // GOHOSTOS the tools run on
  hostArch: string; // GOHOSTARCH
  toolDir: string; // $GOROOT/pkg/tool/<hostos>_<hostarch>
  defaults: Partial<Record<SubarchVar, string>>; // zbootstrap.go's sub-arch defaults (GO386=softfloat on Debian)
  goexperiment: string; // zbootstrap.go's defaultGOEXPERIMENT
  defaultCC(goos: string, goarch: string): string; // cfg.DefaultCC
  defaultCXX(goos: string, goarch: string): string; // cfg.DefaultCXX
}

/** GorootError reports a GOROOT that is not a usable Go installation; the CLI exits 2. */
export class GorootError extends Error {
  override name = "GorootError";
  readonly kind: ErrorKind = "usage";
}

/** hostPlatform is this machine's GOOS/GOARCH as Go names them. */
export function hostPlatform(): { goos: string; goarch: string } {
  return goPlatform(process.platform, process.arch);
}

/** readText reads a file through the file system. */
export const readText: ReadText = (path) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

/**
 * readGoroot reads the Go installation at goroot. The version is VERSION's first line, else
 * zbootstrap.go's, else opts.version (what `go env GOVERSION` said); without one it throws
 * GorootError.
 */
export function readGoroot(
  goroot: string,
  opts: { read?: ReadText; version?: string } = {},
): Goroot {
  const read = opts.read ?? readText;
  const boot = read(join(goroot, "src", "internal", "buildcfg", "zbootstrap.go")) ?? "";
  const first = (read(join(goroot, "VERSION")) ?? "").split("\n")[0]?.trim() ?? "";
  const candidates = [first, /^const version = `([^`]*)`/m.exec(boot)?.[1], opts.version];
  const version = candidates.find((v) => v !== undefined && parseGoVersion(v) !== undefined);
  if (version === undefined) {
    throw new GorootError(
      first === ""
        ? `${goroot} is not a Go installation: it has no VERSION file (pass --goroot with a Go tree such as /usr/lib/go-1.27)`
        : `${goroot}/VERSION: unexpected version line "${first}"`,
    );
  }
  const host = hostPlatform();
  const cc = parseDefaultCC(
    read(join(goroot, "src", "cmd", "go", "internal", "cfg", "zdefaultcc.go")),
  );
  return {
    goroot,
    version,
    minor: parseGoVersion(version)!.minor,
    hostOS: host.goos,
    hostArch: host.goarch,
    toolDir: join(goroot, "pkg", "tool", `${host.goos}_${host.goarch}`),
    defaults: parseBuildcfgDefaults(boot),
    goexperiment: /^const defaultGOEXPERIMENT = `([^`]*)`/m.exec(boot)?.[1] ?? "",
    defaultCC: cc.cc,
    defaultCXX: cc.cxx,
  };
}

/**
 * parseBuildcfgDefaults reads the sub-arch defaults from the text of zbootstrap.go: `const
 * DefaultGO386 = ...` since Go 1.24, `const defaultGO386 = ...` before.
 */
export function parseBuildcfgDefaults(text: string): Partial<Record<SubarchVar, string>> {
  const out: Partial<Record<SubarchVar, string>> = {};
  for (const m of text.matchAll(/^const [dD]efault(GO[A-Z0-9]+) = `([^`]*)`/gm)) {
    if ((subarchVars as readonly string[]).includes(m[1]!)) out[m[1] as SubarchVar] = m[2]!;
  }
  return out;
}

// parseDefaultCC reads the generated DefaultCC and DefaultCXX of zdefaultcc.go: a switch on
// "goos/goarch", then one on goos, then a fallback. Without the file, cmd/dist's answers
// without CC_FOR_TARGET apply (clang on darwin, ios, freebsd, openbsd; gcc/g++ elsewhere).
function parseDefaultCC(text: string | undefined): {
  cc: (goos: string, goarch: string) => string;
  cxx: (goos: string, goarch: string) => string;
} {
  const fn = (name: string, plus: string) => {
    const body =
      text === undefined
        ? undefined
        : new RegExp(`func ${name}\\(goos, goarch string\\) string \\{([\\s\\S]*?)\\n\\}`).exec(
            text,
          )?.[1];
    const byTarget = new Map<string, string>();
    const byOS = new Map<string, string>();
    let fallback = "gcc" + plus;
    if (body === undefined) {
      for (const os of ["darwin", "ios", "freebsd", "openbsd"]) byOS.set(os, "clang" + plus);
    } else {
      const [targetPart = "", rest = ""] = body.split(/switch goos \{/);
      for (const m of targetPart.matchAll(/case "([^"]+)":\s*return "([^"]*)"/g))
        byTarget.set(m[1]!, m[2]!);
      const [osPart = ""] = rest.split(/\n\t\}\n/);
      for (const m of osPart.matchAll(/case ([^:]+):\s*return "([^"]*)"/g))
        for (const os of m[1]!.matchAll(/"([^"]+)"/g)) byOS.set(os[1]!, m[2]!);
      fallback = /\n\treturn "([^"]*)"/.exec(body)?.[1] ?? fallback; // the top-level return
    }
    return (goos: string, goarch: string) =>
      byTarget.get(`${goos}/${goarch}`) ?? byOS.get(goos) ?? fallback;
  };
  return { cc: fn("DefaultCC", ""), cxx: fn("DefaultCXX", "++") };
}
