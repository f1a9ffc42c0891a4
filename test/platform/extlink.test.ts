import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ports, resolveTarget } from "../../src/platform/index.js";
import { repoRoot } from "../support/cli.js";
import { goCmd, pool, requiredMinors } from "../support/toolchains.js";

// externalLinkReason against `go build -n` with CGO_ENABLED=0: cmd/go refuses exactly the ports
// that need the external linker (the port itself, or a default PIE cmd/link cannot make) ("requires external (cgo) linking, but cgo is not enabled").
// Go 1.19's go command does not check this before running the linker, so the oracle starts
// with the releases that have internal/platform.MustLinkExternal in cmd/go.
describe("external linking without cgo matches go build", () => {
  for (const minor of requiredMinors.filter((m) => m >= 21)) {
    it(`every port of Go 1.${minor}`, async () => {
      const hello = join(repoRoot, "examples", "hello");
      await pool(ports(minor), 4, async (p) => {
        const r = await goCmd(
          minor,
          ["build", "-n", "-o", "/dev/null", "."],
          { GOOS: p.GOOS, GOARCH: p.GOARCH, CGO_ENABLED: "0", GO111MODULE: "on" },
          hello,
        );
        const refused = r.code !== 0 && /requires external \(cgo\) linking/.test(r.stderr);
        if (r.code !== 0 && !refused)
          assert.fail(`go build -n for ${p.GOOS}/${p.GOARCH} failed otherwise: ${r.stderr}`);
        const t = resolveTarget(`${p.GOOS}/${p.GOARCH}`, { goVersion: `1.${minor}` });
        assert.equal(
          t.externalLinkReason !== undefined,
          refused,
          `${p.GOOS}/${p.GOARCH} on Go 1.${minor}: go says ${r.stderr.trim() || "ok"}`,
        );
      });
    });
  }
});
