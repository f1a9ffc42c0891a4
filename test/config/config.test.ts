import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError, configJSONSchema, loadConfig, parseConfig } from "../../src/config/config.js";

describe("crossgo.json", () => {
  it("accepts the documented fields", () => {
    const c = parseConfig(
      JSON.stringify({
        targets: ["first-class", "linux/arm/v6"],
        output: "out",
        reproducible: true,
        ldflags: "-X main.v=1",
        tags: "netgo",
        packages: ["./cmd/app"],
      }),
      "crossgo.json",
    );
    assert.deepEqual(c.targets, ["first-class", "linux/arm/v6"]);
    assert.equal(c.reproducible, true);
  });

  it("names the file and the field of every problem", () => {
    const bad = (text: string, re: RegExp) => {
      assert.throws(
        () => parseConfig(text, "/m/crossgo.json"),
        (e: unknown) => e instanceof ConfigError && re.test(e.message),
      );
    };
    bad("{", /^\/m\/crossgo\.json: invalid JSON/);
    bad(
      '{"targets": 5}',
      /^\/m\/crossgo\.json: targets: want a selector string or a non-empty array/,
    );
    bad('{"targets": []}', /targets: Too small: expected array to have >=1 items/);
    bad(
      '{"reproducible": "yes"}',
      /reproducible: Invalid input: expected boolean, received string/,
    );
    bad('{"outptu": "x"}', /\(top level\): Unrecognized key: "outptu"/);
    bad('{"output": "", "trimpath": 1}', /output: .*; trimpath: /);
  });

  it("a missing file is an empty config; a present one is read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crossgo-config-"));
    assert.deepEqual(await loadConfig(dir), { config: {} });
    writeFileSync(join(dir, "crossgo.json"), '{"targets": "linux/*"}');
    const r = await loadConfig(dir);
    assert.equal(r.file, join(dir, "crossgo.json"));
    assert.equal(r.config.targets, "linux/*");
  });

  it("publishes a JSON Schema for editors", () => {
    const s = configJSONSchema() as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    assert.ok("targets" in s.properties && "reproducible" in s.properties);
    assert.equal(s.additionalProperties, false);
  });
});
