import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { crossgo, repoRoot } from "../support/cli.js";

const env = { GOFLAGS: "", GOTOOLCHAIN: "local" };
const cache = join(
  process.env.CROSSGO_TEST_CACHE ?? join(tmpdir(), "crossgo-test-cache"),
  "crossgo-cache",
);

// crossgo build takes its defaults from crossgo.json; command-line flags win.
describe("crossgo build with crossgo.json", () => {
  it(
    "uses targets, output and reproducible from the file, and flags over them",
    { timeout: 600_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "crossgo-cfg-"));
      cpSync(join(repoRoot, "examples", "hello"), dir, { recursive: true });
      writeFileSync(
        join(dir, "crossgo.json"),
        JSON.stringify({
          targets: ["linux/amd64", "windows/amd64"],
          output: "out",
          reproducible: true,
        }),
      );
      const r = await crossgo(
        ["build", "--goroot", "/usr/lib/go-1.27", "--cache", cache, "--json"],
        { cwd: dir, env },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.ok(existsSync(join(dir, "out", "hello_linux_amd64", "hello")));
      assert.ok(existsSync(join(dir, "out", "hello_windows_amd64", "hello.exe")));
      const sums = readFileSync(join(dir, "out", "SHA256SUMS"), "utf8");
      assert.equal(sums.trim().split("\n").length, 2);

      const o = await crossgo(
        [
          "build",
          "--goroot",
          "/usr/lib/go-1.27",
          "--cache",
          cache,
          "-t",
          "linux/arm64",
          "-o",
          "out2",
        ],
        { cwd: dir, env },
      );
      assert.equal(o.code, 0, o.stderr);
      assert.ok(existsSync(join(dir, "out2", "hello_linux_arm64", "hello")));
      assert.ok(!existsSync(join(dir, "out2", "hello_linux_amd64")));

      writeFileSync(join(dir, "crossgo.json"), '{"targets": 3}');
      const bad = await crossgo(["build", "--goroot", "/usr/lib/go-1.27"], { cwd: dir, env });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /crossgo\.json: targets: want a selector string/);
    },
  );
  it(
    "item 12: from a subdirectory of the module, crossgo.json beside go.mod is used, its paths relative to it",
    { timeout: 600_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "crossgo-cfg-"));
      cpSync(join(repoRoot, "examples", "hello"), dir, { recursive: true });
      writeFileSync(
        join(dir, "crossgo.json"),
        JSON.stringify({ targets: "linux/arm64", output: "out", packages: ["."] }),
      );
      const sub = join(dir, "docs", "notes");
      mkdirSync(sub, { recursive: true });
      const check = await crossgo(["config", "check"], { cwd: sub, env });
      assert.equal(check.code, 0, check.stderr);
      assert.equal((JSON.parse(check.stdout) as { File: string }).File, join(dir, "crossgo.json"));
      const r = await crossgo(["build", "--goroot", "/usr/lib/go-1.27", "--cache", cache], {
        cwd: sub,
        env,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(existsSync(join(dir, "out", "hello_linux_arm64", "hello")));
      writeFileSync(join(dir, "crossgo.json"), '{"targets": ["linux/amd46"]}');
      const bad = await crossgo(["config", "check"], { cwd: sub, env });
      assert.equal(bad.code, 2);
      assert.match(
        bad.stderr,
        /crossgo\.json: targets: unknown target linux\/amd46: did you mean linux\/amd64\?/,
      );
    },
  );
});
