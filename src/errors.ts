// How an error is reported: every error class of crossgo's library says whether it is bad
// input (usage: the CLI prints one line and exits 2) or a failure (one line, exit 1). The CLI
// maps kinds to exit codes in one place (cli/main.ts); an error without a kind is a bug.

/** ErrorKind says how the CLI reports an error. */
export type ErrorKind = "usage" | "failure";

/** kindOf returns an error's kind, or undefined for errors crossgo did not classify. */
export function kindOf(e: unknown): ErrorKind | undefined {
  if (typeof e !== "object" || e === null || !("kind" in e)) return undefined;
  const k = e.kind;
  return k === "usage" || k === "failure" ? k : undefined;
}
