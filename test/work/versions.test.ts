// Byte identity on older Go releases: the driver adapts its command lines to the installed
// version (asm -std only from Go 1.27, ...). CI installs Go 1.26 and 1.23.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { crossgoBuild, goBuild, goroot, sha256File, testdata } from "./oracle.js";

const TARGETS = ["linux/amd64", "linux/arm64", "darwin/arm64"];

for (const minor of [26, 23]) {
  const gr = goroot(minor);
  describe(
    `byte identity with go build (Go 1.${String(minor)})`,
    {
      skip:
        gr === undefined
          ? `Go 1.${String(minor)} is not installed at /usr/lib/go-1.${String(minor)}`
          : false,
    },
    () => {
      for (const prog of ["hello", "asm"]) {
        test(`${prog} on ${TARGETS.join(", ")}`, { timeout: 900_000 }, async () => {
          const dir = join(testdata, prog);
          const res = await crossgoBuild(gr ?? "", dir, TARGETS);
          assert.deepEqual(res.failures, []);
          for (const spec of TARGETS) {
            const art = res.artifacts.find((a) => a.target === spec);
            assert.ok(art, `no artifact for ${spec}`);
            const want = sha256File(await goBuild(gr ?? "", dir, spec));
            assert.equal(
              art.sha256,
              want,
              `${prog} ${spec} on Go 1.${String(minor)}: have ${art.sha256}, want ${want}`,
            );
          }
        });
      }
    },
  );
}
