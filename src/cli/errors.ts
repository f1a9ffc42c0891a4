/**
 * UsageError is bad input from the user (an unknown flag value, target or file): the CLI
 * prints its message on one line and exits 2.
 */
import type { ErrorKind } from "../errors.js";
export class UsageError extends Error {
  override name = "UsageError";
  readonly kind: ErrorKind = "usage";
}

/**
 * FailError is a failure that is not the user's wording (a build failed, a file is not a Go
 * binary): the CLI prints its message and exits 1.
 */
export class FailError extends Error {
  override name = "FailError";
  readonly kind: ErrorKind = "failure";
}
