import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SubarchVar } from "../platform/arch.js";
import type { PlatformContext } from "../platform/context.js";
import { isKnownMinor, portTable, type Port } from "../platform/ports.js";
import { run } from "../process/run.js";
import { hostPlatform, type Toolchain } from "./discover.js";

/** goEnv is the environment crossgo runs a toolchain's go command with: never a toolchain switch. */
export function goEnv(t: Toolchain, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOROOT: t.goroot, GOTOOLCHAIN: "local", GOFLAGS: "", ...extra };
}

/**
 * toolchainDefaults reads the sub-arch defaults the toolchain was built with from
 * GOROOT/src/internal/buildcfg/zbootstrap.go (Debian builds GO386=softfloat, for example).
 */
export async function toolchainDefaults(
  t: Toolchain,
): Promise<Partial<Record<SubarchVar, string>>> {
  let text: string;
  try {
    text = await readFile(join(t.goroot, "src", "internal", "buildcfg", "zbootstrap.go"), "utf8");
  } catch {
    return {}; // no source tree: cmd/dist's defaults apply
  }
  return parseBuildcfgDefaults(text);
}

/**
 * parseBuildcfgDefaults reads the sub-arch defaults from the text of zbootstrap.go: `const
 * DefaultGO386 = ...` since Go 1.24, `const defaultGO386 = ...` before.
 */
export function parseBuildcfgDefaults(text: string): Partial<Record<SubarchVar, string>> {
  const out: Partial<Record<SubarchVar, string>> = {};
  const re =
    /^const [dD]efault(GO386|GOAMD64|GOARM|GOARM64|GOMIPS|GOMIPS64|GOPPC64|GORISCV64|GOWASM) = `([^`]*)`/gm;
  for (const m of text.matchAll(re)) out[m[1] as SubarchVar] = m[2]!;
  return out;
}

/** distList runs `go tool dist list -json [-broken]` of the toolchain. */
export async function distList(t: Toolchain, broken: boolean): Promise<Port[]> {
  const args = ["tool", "dist", "list", "-json", ...(broken ? ["-broken"] : [])];
  const r = await run(t.goBin, args, { env: goEnv(t), cwd: t.goroot });
  if (r.code !== 0) throw new Error(`go ${args.join(" ")}: ${r.stderr.trim() || `exit ${r.code}`}`);
  return JSON.parse(r.stdout) as Port[];
}

/**
 * platformFromToolchain builds the platform context of an installed Go: crossgo's own table
 * when it knows the release, else the toolchain's answer (a Go newer than crossgo); the
 * sub-arch defaults always come from the toolchain.
 */
export async function platformFromToolchain(
  t: Toolchain,
  opts: { ask?: boolean } = {}, // ask: always ask the toolchain, even for a release crossgo knows
): Promise<PlatformContext> {
  const minor = t.goVersion.minor;
  const defaults = await toolchainDefaults(t);
  const host = hostPlatform();
  if (isKnownMinor(minor) && opts.ask !== true) {
    return {
      minor,
      version: t.version,
      table: portTable(minor),
      defaults,
      source: "crossgo",
      host,
    };
  }
  let table: Port[];
  try {
    table = await distList(t, true);
  } catch {
    table = await distList(t, false); // before -broken existed
  }
  return { minor, version: t.version, table, defaults, source: "toolchain", host };
}
