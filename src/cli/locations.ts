import { accessSync, constants, statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { isIOError } from "../work/exec.js";
import { FailError, UsageError } from "./errors.js";

/**
 * ioReason is the system's own words for a failed system call, with its code: "read-only
 * file system (EROFS)". Node writes them as "EROFS: read-only file system, mkdir '/x'".
 */
export function ioReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const m = /^E[A-Z0-9]+: ([^,]+)/.exec(err.message);
  return m?.[1] !== undefined && err.code !== undefined ? `${m[1]} (${err.code})` : err.message;
}

/**
 * ioFailure turns a failed system call into one line naming the path and the reason
 * ("/dist/x: no space left on device (ENOSPC)"); other errors are returned as they are.
 */
export function ioFailure(e: unknown): unknown {
  if (!isIOError(e)) return e;
  return new FailError(e.path !== undefined ? `${e.path}: ${ioReason(e)}` : ioReason(e));
}

/**
 * workingDir is the current directory as go names it (os.Getwd): $PWD when it is the same
 * directory as the process's, so that a path reached through a symbolic link (GOROOT under
 * /usr/lib/go-1.N is one on Debian) keeps its spelling; else the resolved directory.
 */
export function workingDir(): string {
  const real = process.cwd();
  const pwd = process.env.PWD;
  if (pwd === undefined || !isAbsolute(pwd) || pwd === real) return real;
  try {
    const a = statSync(pwd);
    const b = statSync(real);
    return a.dev === b.dev && a.ino === b.ino ? pwd : real;
  } catch {
    return real;
  }
}

/** fromWorkingDir makes a -C directory absolute, relative to {@link workingDir}. */
export function fromWorkingDir(dir: string): string {
  return resolve(workingDir(), dir);
}

function statOrMissing(path: string): { isDirectory(): boolean } | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined; // look further up
    throw e;
  }
}

/**
 * checkDirLocation checks, before any work, that dir is a directory crossgo can write to or
 * create: the nearest existing directory on its path must be a writable directory. It throws
 * a UsageError naming the flag, the path and the system's reason (ENOTDIR, EROFS, EACCES).
 */
export function checkDirLocation(flag: string, dir: string): void {
  const bad = (why: string) => new UsageError(`${flag} ${dir}: ${why}`);
  let d = resolve(dir);
  for (;;) {
    let st;
    try {
      st = statOrMissing(d);
    } catch (e) {
      throw bad(`${d}: ${ioReason(e)}`);
    }
    if (st !== undefined) {
      if (!st.isDirectory())
        throw bad(
          d === resolve(dir) ? "not a directory (ENOTDIR)" : `${d} is not a directory (ENOTDIR)`,
        );
      break;
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  try {
    accessSync(d, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw bad(
      d === resolve(dir)
        ? `cannot write to it: ${ioReason(e)}`
        : `cannot create it in ${d}: ${ioReason(e)}`,
    );
  }
}

/**
 * checkFileLocation checks, before any work, that file can be written: its directory exists
 * and is writable, and file is not a directory.
 */
export function checkFileLocation(flag: string, file: string): void {
  const bad = (why: string) => new UsageError(`${flag} ${file}: ${why}`);
  const path = resolve(file);
  const dir = dirname(path);
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    throw bad(`${dir}: ${ioReason(e)}`);
  }
  if (!st.isDirectory()) throw bad(`${dir} is not a directory (ENOTDIR)`);
  if (statOrMissing(path)?.isDirectory() === true) throw bad("is a directory (EISDIR)");
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw bad(`cannot write in ${dir}: ${ioReason(e)}`);
  }
}
