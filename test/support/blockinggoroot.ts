import { chmodSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * blockingGoroot makes dir a GOROOT that is the real one at goroot except that its compiler,
 * asked to compile anything, writes its process ID to dir/compile.pid and waits forever (it
 * answers -V=full like the real one). A signal test waits for that file, not for a time: a
 * build is then certainly running a tool.
 */
export function blockingGoroot(goroot: string, dir: string): { goroot: string; pidFile: string } {
  rmSync(dir, { recursive: true, force: true });
  const hostTools = readdirSync(join(goroot, "pkg", "tool"))[0] ?? "linux_amd64";
  const tools = join(dir, "pkg", "tool", hostTools);
  mkdirSync(tools, { recursive: true });
  for (const n of readdirSync(goroot)) if (n !== "pkg") symlinkSync(join(goroot, n), join(dir, n));
  for (const n of readdirSync(join(goroot, "pkg")))
    if (n !== "tool") symlinkSync(join(goroot, "pkg", n), join(dir, "pkg", n));
  const real = join(goroot, "pkg", "tool", hostTools);
  for (const n of readdirSync(real))
    if (n !== "compile") symlinkSync(join(real, n), join(tools, n));
  const pidFile = join(dir, "compile.pid");
  writeFileSync(
    join(tools, "compile"),
    `#!/bin/sh
case "$*" in *-V=full*) exec '${join(real, "compile")}' "$@";; esac
echo $$ > '${pidFile}.tmp' && mv '${pidFile}.tmp' '${pidFile}'
exec sleep 1000000
`,
  );
  chmodSync(join(tools, "compile"), 0o755);
  return { goroot: dir, pidFile };
}
