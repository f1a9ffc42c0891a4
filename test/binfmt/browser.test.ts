// src/binfmt and src/goinfo run in a browser: no node: imports, no imports from outside the two
// folders but the port table's pure facts (src/platform, itself free of node:) and the error
// kinds (src/errors.ts, free of node: too), and a whole
// inspection works from an in-memory Uint8Array.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { bytesSource } from "../../src/binfmt/source.js";
import { summarize } from "../../src/goinfo/summary.js";

const src = fileURLToPath(new URL("../../src/", import.meta.url));

describe("browser-safe readers", () => {
  for (const area of ["binfmt", "goinfo", "platform"]) {
    it(`src/${area} imports nothing from node: or outside binfmt/goinfo/platform`, () => {
      for (const f of readdirSync(join(src, area)).filter((x) => x.endsWith(".ts"))) {
        const text = readFileSync(join(src, area, f), "utf8");
        for (const m of text.matchAll(
          /(?:import|export)[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']/g,
        )) {
          const spec = (m[1] ?? m[2]) as string;
          assert.ok(!spec.startsWith("node:"), `${area}/${f} imports ${spec}`);
          assert.ok(spec.startsWith("."), `${area}/${f} imports package ${spec}`);
          const target = relative(src, resolve(dirname(join(src, area, f)), spec));
          assert.match(
            target,
            /^((binfmt|goinfo|platform)\/|errors\.js$)/,
            `${area}/${f} imports ${spec}`,
          );
        }
      }
    });
  }

  it("src/errors.ts imports nothing", () => {
    assert.doesNotMatch(readFileSync(join(src, "errors.ts"), "utf8"), /^import /m);
  });

  it("summarize works on a Uint8Array", async () => {
    const b = readFileSync(fileURLToPath(new URL("./testdata/go-inline.elf", import.meta.url)));
    const s = await summarize(bytesSource(new Uint8Array(b)));
    assert.equal(s.info?.format, "elf");
    assert.equal(s.buildInfo?.Path, "example.com/hello");
  });
});
