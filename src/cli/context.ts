import type { PlatformContext } from "../platform/index.js";
import { contextFor } from "../platform/resolve.js";
import {
  hostPlatform,
  ToolchainError,
  findToolchain,
  type Toolchain,
} from "../toolchain/discover.js";
import { platformFromToolchain } from "../toolchain/platform.js";
import { UsageError } from "./errors.js";

/** PlatformFlags are the options that choose a Go release: --goroot DIR or --go VERSION. */
export interface PlatformFlags {
  goroot?: string;
  go?: string;
}

/**
 * platformContext picks the rules to apply: --go VERSION uses crossgo's own table (no Go
 * needed); otherwise the toolchain found (--goroot, $GOROOT, PATH, /usr/lib/go-1.*), and when
 * none is found and none was asked for, crossgo's table of the current release.
 */
export async function platformContext(
  flags: PlatformFlags,
): Promise<{ ctx: PlatformContext; toolchain?: Toolchain }> {
  if (flags.go !== undefined && flags.goroot !== undefined) {
    throw new UsageError(
      "--go and --goroot are exclusive: --go uses crossgo's own table, --goroot asks a toolchain",
    );
  }
  if (flags.go !== undefined) {
    return {
      ctx: {
        ...contextFor({ goVersion: flags.go }),
        host: hostPlatform(),
      },
    };
  }
  try {
    const toolchain = await findToolchain(
      flags.goroot !== undefined ? { goroot: flags.goroot } : {},
    );
    return { ctx: await platformFromToolchain(toolchain), toolchain };
  } catch (e) {
    if (
      e instanceof ToolchainError &&
      flags.goroot === undefined &&
      process.env.GOROOT === undefined
    ) {
      return { ctx: { ...contextFor({}), host: hostPlatform() } };
    }
    throw e;
  }
}

/** printJSON writes v as indented JSON and a newline. */
export function printJSON(v: unknown): void {
  process.stdout.write(JSON.stringify(v, null, 2) + "\n");
}
