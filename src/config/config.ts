import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import type { ErrorKind } from "../errors.js";
import { selectTargets, TargetError, type PlatformContext } from "../platform/index.js";
import { findGoMod } from "../toolchain/gomod.js";
import { checkJSONText, JSONTextError } from "./jsontext.js";

/**
 * crossgo.json: a module's build defaults, read from beside the main module's go.mod (found
 * like go finds it: in the directory crossgo runs in or the nearest parent), or from that
 * directory when there is no go.mod. Command-line flags override it; its relative paths
 * (output, packages) are relative to its own directory. The schema is zod's; `crossgo config schema` prints it as
 * JSON Schema for editors.
 */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    targets: z
      .union([z.string(), z.array(z.string()).min(1)], {
        error: "want a selector string or a non-empty array of selector strings",
      })
      .optional()
      .describe('target selectors, e.g. "first-class,linux/arm/v6" or ["linux/*", "!linux/mips*"]'),
    output: z.string().min(1).optional().describe("output directory (default dist)"),
    reproducible: z
      .boolean()
      .optional()
      .describe('-trimpath -buildvcs=false -ldflags="-s -w -buildid="'),
    trimpath: z.boolean().optional(),
    ldflags: z.string().optional().describe("flags for go tool link"),
    tags: z
      .union([z.string(), z.array(z.string())], {
        error: "want a comma-separated string or an array of tags",
      })
      .optional()
      .describe("build tags"),
    packages: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('main packages (default ["."])'),
  })
  .strict();

/** Config is a checked crossgo.json. */
export type Config = z.infer<typeof configSchema>;

/** configFile is the name crossgo looks for. */
export const configFile = "crossgo.json";

/** ConfigError is an unreadable or invalid crossgo.json; the message leads with file and field. */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly kind: ErrorKind = "usage";
}

/**
 * parseConfig checks the text of a crossgo.json. Like go with go.mod, it rejects a UTF-8 byte
 * order mark ("go.mod:1: unexpected input character '\ufeff'"); a syntax error or a
 * duplicate key is reported at its line and column.
 */
export function parseConfig(text: string, file: string): Config {
  if (text.startsWith("\ufeff"))
    throw new ConfigError(
      `${file}:1:1: unexpected byte order mark (U+FEFF), which go also rejects in go.mod: save the file as UTF-8 without a BOM`,
    );
  try {
    checkJSONText(text);
  } catch (e) {
    if (e instanceof JSONTextError)
      throw new ConfigError(
        `${file}:${String(e.line)}:${String(e.column)}: invalid JSON: ${e.message}`,
      );
    throw e;
  }
  const raw: unknown = JSON.parse(text);
  const r = configSchema.safeParse(raw);
  if (!r.success) {
    const problems = r.error.issues.map(
      (i) => `${i.path.length > 0 ? i.path.join(".") : "(top level)"}: ${i.message}`,
    );
    throw new ConfigError(`${file}: ${problems.join("; ")}`);
  }
  return r.data;
}

/** configTargets is the config's target selectors as one list ([] when it names none). */
export function configTargets(c: Config): string[] {
  if (c.targets === undefined) return [];
  return (Array.isArray(c.targets) ? c.targets : [c.targets])
    .flatMap((t) => t.split(","))
    .map((t) => t.trim());
}

/**
 * checkConfigTargets resolves the config's target selectors with the rules of platform (the
 * toolchain's port table): an unknown target is a ConfigError naming the file and the field.
 */
export function checkConfigTargets(c: Config, file: string, platform: PlatformContext): void {
  const sel = configTargets(c);
  if (sel.length === 0) return;
  try {
    selectTargets(sel, { platform });
  } catch (e) {
    if (e instanceof TargetError) throw new ConfigError(`${file}: targets: ${e.message}`);
    throw e;
  }
}

/** LoadedConfig is a crossgo.json found for a directory, and the directory it was found in. */
export interface LoadedConfig {
  file?: string; // absent when there is no crossgo.json
  dir: string; // the directory its relative paths are relative to
  config: Config;
}

/**
 * loadConfig reads the crossgo.json of the module that dir is in (beside go.mod), or of dir
 * itself outside a module; a missing file is an empty config.
 */
export async function loadConfig(dir: string): Promise<LoadedConfig> {
  const gomod = await findGoMod(dir);
  const home = gomod !== undefined ? dirname(gomod) : resolve(dir);
  const file = join(home, configFile);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { dir: home, config: {} };
    throw new ConfigError(`${file}: ${(e as Error).message}`);
  }
  return { file, dir: home, config: parseConfig(text, file) };
}

/** configJSONSchema is crossgo.json's JSON Schema. */
export function configJSONSchema(): unknown {
  return z.toJSONSchema(configSchema);
}
