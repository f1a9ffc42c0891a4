// Builds without --reproducible: the executables run (natively or under qemu-user), `go version
// -m` reads their build info, and `go tool buildid` returns the build ID crossgo chose.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { run } from "../../src/process/run.js";
import { crossgoBuild, goBuild, goEnv, goroot, sha256File, testCache, testdata } from "./oracle.js";

const go127 = goroot(27);

// runners says how to execute a linux binary of each arch on this amd64 machine.
const runners: Record<string, string[]> = {
  "linux/amd64": [],
  "linux/arm64": ["qemu-aarch64"],
  "linux/riscv64": ["qemu-riscv64"],
};

describe(
  "executables built without --reproducible (Go 1.27)",
  { skip: go127 === undefined ? "Go 1.27 is not installed at /usr/lib/go-1.27" : false },
  () => {
    const gr = go127 ?? "";
    const go = join(gr, "bin", "go");
    const targets = Object.keys(runners);

    test(
      "run, carry build info and the build ID crossgo chose",
      { timeout: 900_000 },
      async (t) => {
        const outDir = join(testCache, "dist-plain", "oldgo");
        const res = await crossgoBuild(gr, join(testdata, "oldgo"), targets, {
          reproducible: false,
          outDir,
        });
        assert.deepEqual(res.failures, []);
        for (const spec of targets) {
          const art = res.artifacts.find((a) => a.target === spec);
          assert.ok(art, `no artifact for ${spec}`);
          const exe = join(outDir, art.path);
          const runner = runners[spec] ?? [];
          const cmd = runner[0];
          if (cmd !== undefined && !existsSync(`/usr/bin/${cmd}`)) {
            t.diagnostic(`${cmd} is not installed: ${spec} was built and inspected but not run`);
          } else {
            const r = await run(cmd ?? exe, cmd !== undefined ? [exe] : [], {});
            assert.equal(r.code, 0, `${spec}: ${r.stderr}`);
            assert.equal(r.stdout, "old go line\n", `${spec} output`);
          }

          const m = await run(go, ["version", "-m", exe], { env: goEnv(gr) });
          assert.equal(m.code, 0, m.stderr);
          assert.match(m.stdout, /\tpath\texample\.com\/oldgo\n/);
          assert.match(m.stdout, /\tmod\texample\.com\/oldgo\t\(devel\)\t\n/);
          assert.match(
            m.stdout,
            /\tbuild\tDefaultGODEBUG=\S+/,
            "go 1.20 module records its default GODEBUG",
          );
          assert.match(m.stdout, new RegExp(`\\tbuild\\tGOOS=${art.goos}\\n`));
          assert.doesNotMatch(m.stdout, /-trimpath/);

          const b = await run(go, ["tool", "buildid", exe], { env: goEnv(gr) });
          assert.equal(b.code, 0, b.stderr);
          assert.equal(
            b.stdout.trim(),
            art.buildID,
            `${spec}: go tool buildid (have) vs crossgo's ID (want)`,
          );
          assert.match(art.buildID, /^[\w-]{20}\/[\w-]{20}\/[\w-]{20}\/[\w-]{20}$/);

          // The build IDs are cmd/go's own, so even without -trimpath the bytes equal go build's.
          const ref = await goBuild(gr, join(testdata, "oldgo"), spec, ".", {
            reproducible: false,
          });
          assert.equal(
            art.sha256,
            sha256File(ref),
            `${spec}: plain crossgo build (have) vs plain go build -buildvcs=false (want)`,
          );
        }
      },
    );

    test(
      "plain darwin (re-signed Mach-O) and windows builds equal go build's",
      { timeout: 900_000 },
      async () => {
        const specs = ["darwin/arm64", "windows/amd64"];
        const outDir = join(testCache, "dist-plain", "oldgo-other");
        const res = await crossgoBuild(gr, join(testdata, "oldgo"), specs, {
          reproducible: false,
          outDir,
        });
        assert.deepEqual(res.failures, []);
        for (const spec of specs) {
          const art = res.artifacts.find((a) => a.target === spec);
          assert.ok(art, `no artifact for ${spec}`);
          const ref = await goBuild(gr, join(testdata, "oldgo"), spec, ".", {
            reproducible: false,
          });
          assert.equal(
            art.sha256,
            sha256File(ref),
            `${spec}: plain crossgo build (have) vs plain go build (want)`,
          );
          const b = await run(go, ["tool", "buildid", join(outDir, art.path)], { env: goEnv(gr) });
          assert.equal(b.stdout.trim(), art.buildID);
        }
      },
    );
  },
);
