import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { ErrorKind } from "../errors.js";

/**
 * crossgo.json: a module's build defaults, read from the directory `crossgo build` runs in.
 * Command-line flags override it. The schema is zod's; `crossgo config schema` prints it as
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

/** parseConfig checks the text of a crossgo.json. */
export function parseConfig(text: string, file: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  const r = configSchema.safeParse(raw);
  if (!r.success) {
    const problems = r.error.issues.map(
      (i) => `${i.path.length > 0 ? i.path.join(".") : "(top level)"}: ${i.message}`,
    );
    throw new ConfigError(`${file}: ${problems.join("; ")}`);
  }
  return r.data;
}

/** loadConfig reads dir/crossgo.json; a missing file is an empty config. */
export async function loadConfig(dir: string): Promise<{ file?: string; config: Config }> {
  const file = join(dir, configFile);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { config: {} };
    throw new ConfigError(`${file}: ${(e as Error).message}`);
  }
  return { file, config: parseConfig(text, file) };
}

/** configJSONSchema is crossgo.json's JSON Schema. */
export function configJSONSchema(): unknown {
  return z.toJSONSchema(configSchema);
}
