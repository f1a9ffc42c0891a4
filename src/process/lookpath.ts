// Finding programs the way exec.LookPath does: a name with a slash as it is, else the first
// executable regular file of that name in a PATH directory.

import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** isExecutable reports whether p is a regular file the process may execute. */
export function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** lookPath finds name on PATH (a name with a "/" is checked as it is). */
export function lookPath(name: string, PATH: string | undefined): string | undefined {
  if (name.includes("/")) return isExecutable(name) ? name : undefined;
  for (const d of (PATH ?? "").split(delimiter)) {
    if (d === "") continue;
    const p = join(d, name);
    if (isExecutable(p)) return p;
  }
  return undefined;
}
