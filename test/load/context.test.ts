import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { buildContextFor } from "../../src/load/loader.js";
import { SourceCache } from "../../src/load/fs.js";
import { sysList } from "../../src/load/syslist.js";
import { readToolchainInfo } from "../../src/load/toolchain.js";
import { ports, resolveTarget } from "../../src/platform/index.js";
import { inspectGoroot } from "../../src/toolchain/discover.js";
import { platformFromToolchain } from "../../src/toolchain/platform.js";
import { goCmd, pool, requiredMinors, requireGo } from "../support/toolchains.js";

// The build context per port (tool tags with goexperiment.*, release tags, cgo default)
// against `go list -f '{{context...}}'`, and the known GOOS/GOARCH lists against each
// release's own syslist.go, so that a new release's data cannot drift unnoticed.
function goList(src: string, name: string): string[] {
  const m = new RegExp(`var ${name} = map\\[string\\]bool\\{([^}]*)\\}`).exec(src);
  assert.ok(m, `${name} not found`);
  return [...m[1]!.matchAll(/"([^"]+)":\s*true/g)].map((x) => x[1]!).sort();
}

describe("known GOOS/GOARCH names match syslist.go", () => {
  for (const minor of requiredMinors) {
    it(`Go 1.${minor}`, () => {
      const root = requireGo(minor);
      let src: string;
      try {
        src = readFileSync(join(root, "src", "internal", "syslist", "syslist.go"), "utf8");
      } catch {
        src = readFileSync(join(root, "src", "go", "build", "syslist.go"), "utf8").replace(
          /var (known|unix)(OS|Arch)/g,
          (_, a: string, b: string) => `var ${a[0]!.toUpperCase()}${a.slice(1)}${b}`,
        );
      }
      const s = sysList(minor);
      assert.deepEqual([...s.knownOS].sort(), goList(src, "KnownOS"));
      assert.deepEqual([...s.knownArch].sort(), goList(src, "KnownArch"));
      assert.deepEqual([...s.unixOS].sort(), goList(src, "UnixOS"));
    });
  }
});

describe("build context per port matches go list's context", () => {
  for (const minor of requiredMinors) {
    it(`every port of Go 1.${minor}`, async () => {
      const goroot = requireGo(minor);
      const cache = new SourceCache();
      const tc = readToolchainInfo(cache, goroot);
      const env = { PATH: process.env.PATH, HOME: process.env.HOME };
      // The platform rules of this toolchain (Debian builds GO386=softfloat by default).
      const platform = await platformFromToolchain(await inspectGoroot(goroot, "flag"));
      await pool(ports(minor), 2, async (p) => {
        const r = await goCmd(
          minor,
          [
            "list",
            "-f",
            "{{context.ToolTags}}|{{context.ReleaseTags}}|{{context.CgoEnabled}}",
            "unsafe",
          ],
          { GOOS: p.GOOS, GOARCH: p.GOARCH },
        );
        assert.equal(r.code, 0, r.stderr);
        const [tools, release, cgo] = r.stdout.trim().split("|") as [string, string, string];
        const t = resolveTarget(`${p.GOOS}/${p.GOARCH}`, { platform });
        const ctx = buildContextFor({ target: t, goroot, dir: "/tmp", env }, tc, env);
        const port = `${p.GOOS}/${p.GOARCH}`;
        assert.deepEqual(
          [...ctx.toolTags].sort(),
          tools
            .slice(1, -1)
            .split(" ")
            .filter((x) => x !== "")
            .sort(),
          `${port} tool tags`,
        );
        assert.equal(ctx.releaseTags.join(" "), release.slice(1, -1), `${port} release tags`);
        assert.equal(String(ctx.cgoEnabled), cgo, `${port} cgo default`);
      });
    });
  }
});
