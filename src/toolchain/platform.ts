import type { SubarchVar } from "../platform/arch.js";
import type { PlatformContext } from "../platform/context.js";
import { isKnownMinor, portTable, type Port } from "../platform/ports.js";
import { run } from "../process/run.js";
import { type Toolchain } from "./discover.js";
import { hostPlatform, readGoroot, type Goroot } from "./goroot.js";

/** goEnv is the environment crossgo runs a toolchain's go command with: never a toolchain switch. */
export function goEnv(t: Toolchain, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOROOT: t.goroot, GOTOOLCHAIN: "local", GOFLAGS: "", ...extra };
}

/**
 * toolchainDefaults reads the sub-arch defaults the toolchain was built with from
 * GOROOT/src/internal/buildcfg/zbootstrap.go (Debian builds GO386=softfloat, for example).
 */
export function toolchainDefaults(t: Toolchain): Partial<Record<SubarchVar, string>> {
  return readGoroot(t.goroot, { version: t.version }).defaults;
}

/**
 * gorootPlatform is the platform context of a Go installation whose release crossgo knows,
 * without running it: crossgo's port table and the toolchain's own sub-arch defaults.
 */
export function gorootPlatform(gr: Goroot): PlatformContext {
  return {
    minor: gr.minor,
    version: gr.version,
    table: portTable(gr.minor),
    defaults: gr.defaults,
    source: "crossgo",
    host: { goos: gr.hostOS, goarch: gr.hostArch },
  };
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
  const defaults = toolchainDefaults(t);
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
