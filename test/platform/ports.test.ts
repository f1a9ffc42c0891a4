import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspectGoroot } from "../../src/toolchain/discover.js";
import { platformFromToolchain } from "../../src/toolchain/platform.js";
import {
  formatDistJSON,
  knownMinors,
  portTable,
  ports,
  type Port,
} from "../../src/platform/index.js";
import { crossgo } from "../support/cli.js";
import {
  goCmd,
  goroot,
  installedMinors,
  requiredMinors,
  requireGo,
} from "../support/toolchains.js";

// The port table against `go tool dist list -json` of every installed Go.
describe("port table", () => {
  it("covers every release the tests require", () => {
    for (const m of requiredMinors) {
      requireGo(m);
      assert.ok(knownMinors.includes(m), `crossgo carries no table for Go 1.${m}`);
    }
  });

  for (const minor of installedMinors().filter((m) => knownMinors.includes(m))) {
    it(`equals go tool dist list -json byte for byte (Go 1.${minor})`, async () => {
      const r = await goCmd(minor, ["tool", "dist", "list", "-json"]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(formatDistJSON(ports(minor)), r.stdout);
    });

    it(`crossgo targets --json --goroot equals dist list -json (Go 1.${minor})`, async () => {
      const [mine, dist] = await Promise.all([
        crossgo(["targets", "--json", "--goroot", goroot(minor)]),
        goCmd(minor, ["tool", "dist", "list", "-json"]),
      ]);
      assert.equal(mine.code, 0, mine.stderr);
      assert.equal(mine.stdout, dist.stdout);
    });

    if (minor >= 21) {
      // -broken exists since Go 1.21 (1.19 calls them "incomplete" and never lists them).
      it(`includes broken ports as dist list -json -broken does (Go 1.${minor})`, async () => {
        const r = await goCmd(minor, ["tool", "dist", "list", "-json", "-broken"]);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(portTable(minor), JSON.parse(r.stdout) as Port[]);
      });
    }
  }

  it("crossgo targets --go 1.23 works without running Go and matches Go 1.23", async () => {
    const r = await crossgo(["targets", "--json", "--go", "1.23"], {
      env: { PATH: "/nonexistent", GOROOT: "" },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, (await goCmd(23, ["tool", "dist", "list", "-json"])).stdout);
  });

  it("refuses a release it carries no table for, naming what to do", async () => {
    const r = await crossgo(["targets", "--go", "1.20"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no port table for Go 1\.20.*--goroot/);
  });
});

describe("a Go newer than crossgo knows", () => {
  // The fallback asks the toolchain; forcing it on known releases checks it against the data.
  for (const minor of requiredMinors) {
    it(`asking Go 1.${minor} itself gives crossgo's own table`, async () => {
      const t = await inspectGoroot(goroot(minor), "flag");
      const asked = await platformFromToolchain(t, { ask: true });
      assert.equal(asked.source, "toolchain");
      // Go 1.19 has no -broken flag and lists no broken ports.
      assert.deepEqual(asked.table, minor >= 21 ? portTable(minor) : ports(minor));
    });
  }
});
