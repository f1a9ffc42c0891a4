import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { run } from "../../src/process/run.js";
import { repoRoot } from "../support/cli.js";

describe("library entry", () => {
  it('import { ports, resolveTarget } from "crossgo" works from the built package', async () => {
    const code = `import { ports, resolveTarget, findToolchain, constraint } from "crossgo";
      const t = resolveTarget("linux/amd64/v3");
      console.log(JSON.stringify({ n: ports().length, env: t.env, tags: t.toolTags, f: typeof findToolchain, c: typeof constraint }));`;
    const r = await run(process.execPath, ["--input-type=module", "-e", code], { cwd: repoRoot });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      n: 47,
      env: { GOOS: "linux", GOARCH: "amd64", GOAMD64: "v3" },
      tags: ["amd64.v1", "amd64.v2", "amd64.v3"],
      f: "function",
      c: "object",
    });
  });

  it("the other parts are namespaces of the same entry", async () => {
    const code = `import { load, work, binfmt, goinfo, config, constraint } from "crossgo";
      console.log(JSON.stringify([typeof load.loadPackages, typeof work.build, typeof binfmt.openBinary, typeof goinfo.summarize, typeof config.parseConfig, typeof constraint.parse]));`;
    const r = await run(process.execPath, ["--input-type=module", "-e", code], { cwd: repoRoot });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [
      "function",
      "function",
      "function",
      "function",
      "function",
      "function",
    ]);
  });
});
