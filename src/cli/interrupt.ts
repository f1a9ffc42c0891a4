import { constants } from "node:os";

/** StopSignal is what stops a command early: Ctrl-C, kill, or its reader closing the pipe. */
export type StopSignal = "SIGINT" | "SIGTERM" | "SIGPIPE";

/**
 * Interrupted is a command stopped by a signal, or by the reader of its output closing the
 * pipe (SIGPIPE, which kills a Go program writing to it). The CLI exits with 128 + the
 * signal's number, as a shell reports a process killed by it: 130, 143, 141.
 */
export class Interrupted extends Error {
  override name = "Interrupted";
  constructor(
    readonly signal: StopSignal,
    detail = "",
  ) {
    super(`interrupted (${signal})${detail}`);
  }

  /** exitCode is 128 + the signal's number. */
  get exitCode(): number {
    return 128 + constants.signals[this.signal];
  }

  /** quiet reports whether nothing should be printed: the output is gone (SIGPIPE). */
  get quiet(): boolean {
    return this.signal === "SIGPIPE";
  }
}

let active: AbortController | undefined;
let stoppedBy: StopSignal | undefined;
let installed = false;

function stop(sig: StopSignal): void {
  if (active !== undefined && stoppedBy === undefined) {
    // A build is running: it kills its tools, removes its work directory and returns.
    stoppedBy = sig;
    active.abort();
    return;
  }
  // A closed pipe during that clean-up is expected; a second Ctrl-C means now.
  if (sig === "SIGPIPE" && stoppedBy !== undefined) return;
  const e = new Interrupted(sig);
  if (!e.quiet) process.stderr.write(`crossgo: ${e.message}\n`);
  process.exit(e.exitCode);
}

/**
 * installStopHandlers makes SIGINT, SIGTERM and EPIPE on stdout or stderr stop the CLI
 * quietly: at once, or through the AbortSignal of {@link interruptible} while a build runs.
 * The handlers stay installed for the whole run (a once-handler would let a library's own
 * signal handler re-raise the signal and kill the process before the build cleaned up).
 */
export function installStopHandlers(): void {
  if (installed) return;
  installed = true;
  process.on("SIGINT", () => {
    stop("SIGINT");
  });
  process.on("SIGTERM", () => {
    stop("SIGTERM");
  });
  for (const s of [process.stdout, process.stderr]) {
    s.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") stop("SIGPIPE");
      else throw e;
    });
  }
}

/**
 * interruptible returns the AbortSignal that a stop request aborts while f runs, and after f
 * the signal that stopped it, if one did.
 */
export async function interruptible<T>(
  f: (signal: AbortSignal) => Promise<T>,
): Promise<{ value: T; stoppedBy?: StopSignal }> {
  const ac = new AbortController();
  active = ac;
  try {
    const value = await f(ac.signal);
    return stoppedBy !== undefined ? { value, stoppedBy } : { value };
  } finally {
    active = undefined;
  }
}
