import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  checkConfigTargets,
  ConfigError,
  configJSONSchema,
  loadConfig,
  parseConfig,
} from "../../src/config/config.js";
import { platformFor } from "../../src/platform/context.js";

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
    bad("{", /^\/m\/crossgo\.json:1:2: invalid JSON: unexpected end of file, want a string key$/);
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
    assert.deepEqual(await loadConfig(dir), { dir, config: {} });
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
  it("item 12: syntax errors and duplicate keys at line:column; a BOM rejected as go does", () => {
    const bad = (text: string, want: string) => {
      assert.throws(
        () => parseConfig(text, "/m/crossgo.json"),
        (e: unknown) => e instanceof ConfigError && e.message === want,
      );
    };
    bad(
      '{\n  "output": "a",\n  "output": "b"\n}',
      '/m/crossgo.json:3:3: invalid JSON: duplicate key "output"',
    );
    bad(
      '{"targets": ["linux/amd64",]}',
      '/m/crossgo.json:1:28: invalid JSON: unexpected "]", want a value',
    );
    bad('{"a": 1} x', '/m/crossgo.json:1:10: invalid JSON: unexpected "x" after the JSON value');
    bad(
      '{"a": "b\n"}',
      "/m/crossgo.json:1:7: invalid JSON: invalid string: unterminated, or a control character or bad escape in it",
    );
    // go: "go.mod:1: unexpected input character '\ufeff'"
    assert.throws(
      () => parseConfig("\ufeff{}", "/m/crossgo.json"),
      /^ConfigError: \/m\/crossgo\.json:1:1: unexpected byte order mark \(U\+FEFF\)/,
    );
    // A valid file still reads the same.
    assert.deepEqual(parseConfig('{"$schema": "x", "tags": ["a"]}', "f"), {
      $schema: "x",
      tags: ["a"],
    });
  });

  it("item 12: unknown targets are rejected with the port table's own message", () => {
    const check = (targets: string | string[]) => {
      checkConfigTargets({ targets }, "/m/crossgo.json", platformFor(27));
    };
    check(["linux/amd64", "first-class,!windows/*"]);
    assert.throws(() => {
      check(["linux/amd46"]);
    }, /^ConfigError: \/m\/crossgo\.json: targets: unknown target linux\/amd46: did you mean linux\/amd64\?/);
    assert.throws(() => {
      check("foo");
    }, /^ConfigError: \/m\/crossgo\.json: targets: invalid selector term "foo"/);
  });

  it("item 12: crossgo.json beside go.mod is found from a subdirectory of the module", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crossgo-config-"));
    writeFileSync(join(dir, "go.mod"), "module example.com/m\n\ngo 1.27\n");
    writeFileSync(join(dir, "crossgo.json"), '{"output": "out"}');
    mkdirSync(join(dir, "cmd", "app"), { recursive: true });
    const r = await loadConfig(join(dir, "cmd", "app"));
    assert.deepEqual(r, { file: join(dir, "crossgo.json"), dir, config: { output: "out" } });
  });
});
