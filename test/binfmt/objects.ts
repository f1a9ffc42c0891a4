// Small relocatable objects compiled with clang for any target (what cgo hands the linker).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cacheRoot } from "./gobuild.js";

/** objDir holds the compiled objects. */
export const objDir = join(cacheRoot, "objs");

/** hasTool reports whether cmd --version runs. */
export function hasTool(cmd: string): boolean {
  return spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0;
}

const csrc = `extern int ext_var;
extern int ext_fn(int);
static int local_arr[16];
int *ptrs[2] = { &ext_var, local_arr };
__thread int tls_var;
int f(int x) { tls_var += x; return ext_fn(x) + ext_var + local_arr[x & 15]; }
`;

/** clangObject compiles the test C file for triple (ELF with pic flag, or COFF for *-windows-msvc) and returns its path. */
export async function clangObject(triple: string, pic = ""): Promise<string> {
  await mkdir(objDir, { recursive: true });
  const c = join(objDir, "r.c");
  if (!existsSync(c)) await writeFile(c, csrc);
  const o = join(objDir, `${triple}${pic}.${triple.includes("windows") ? "obj" : "o"}`);
  const args = [`--target=${triple}`, "-O1", ...(pic ? [pic] : []), "-c", c, "-o", o];
  // COFF objects carry a time stamp unless asked not to: keep fixtures byte-stable.
  if (triple.includes("windows")) args.push("-mno-incremental-linker-compatible");
  execFileSync("clang", args);
  return o;
}
