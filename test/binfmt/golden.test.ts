// Golden JSON for the committed fixtures of testdata/ (made by testdata/make.ts): the whole
// `crossgo inspect --json --relocs` object of each, compared with its .golden.json sidecar
// (UPDATE_GOLDEN=1 rewrites them). The two synthetic Go executables are also checked against
// go version -m and go tool buildid, including the pre-1.18 pointer layout.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { openBinary } from "../../src/binfmt/open.js";
import { bytesSource } from "../../src/binfmt/source.js";
import { inspectJSON } from "../../src/cli/commands/inspect.js";
import { readRawBuildInfo } from "../../src/goinfo/buildinfo.js";
import { goroot } from "./gobuild.js";

const dir = fileURLToPath(new URL("./testdata/", import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => !f.endsWith(".ts") && !f.endsWith(".golden.json"))
  .sort();
const update = process.env.UPDATE_GOLDEN === "1";

describe("golden fixtures", () => {
  for (const f of fixtures) {
    it(`${f} matches ${f}.golden.json`, async () => {
      const have = { ...(await inspectJSON(join(dir, f), true)), File: f };
      const golden = join(dir, `${f}.golden.json`);
      const text = JSON.stringify(have, null, 2) + "\n";
      if (update || !existsSync(golden)) {
        writeFileSync(golden, text);
        if (!update) assert.fail(`wrote missing ${golden}; commit it`);
        return;
      }
      assert.deepEqual(
        have,
        JSON.parse(readFileSync(golden, "utf8")),
        "rerun with UPDATE_GOLDEN=1 when the change is intended",
      );
    });
  }

  const go = goroot(27);
  for (const f of ["go-inline.elf", "go-pointer.elf"]) {
    it(
      `${f}: go version -m and go tool buildid agree${go ? "" : " (SKIPPED: Go 1.27 missing)"}`,
      { skip: !go },
      async () => {
        const env = { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "" };
        const p = join(dir, f);
        const want = spawnSync(`${go}/bin/go`, ["version", "-m", p], {
          env,
          encoding: "utf8",
        }).stdout;
        const json = await inspectJSON(p);
        const id = spawnSync(`${go}/bin/go`, ["tool", "buildid", p], {
          env,
          encoding: "utf8",
        }).stdout.trim();
        assert.equal(json.BuildID, id);
        assert.ok(want.startsWith(`${p}: ${String(json.GoVersion)}\n`), want);
        const raw = await readRawBuildInfo(await openBinary(bytesSource(readFileSync(p))));
        assert.equal(raw.inline, f === "go-inline.elf", "layout");
        const bi = json.BuildInfo as { Path: string; Deps: { Path: string }[] };
        assert.ok(
          want.includes(`\tpath\t${bi.Path}\n`) &&
            want.includes(`\tdep\t${bi.Deps[0]?.Path ?? "?"}\t`),
          want,
        );
      },
    );
  }
});
