import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import {
  archInfo,
  portTable,
  resolveTarget,
  subarchRule,
  TargetError,
  type SubarchVar,
} from "../../src/platform/index.js";
import { run } from "../../src/process/run.js";
import { inspectGoroot } from "../../src/toolchain/discover.js";
import { toolchainDefaults } from "../../src/toolchain/platform.js";
import { goCmd, goroot, pool, requiredMinors } from "../support/toolchains.js";

// Sub-architecture rules against the real toolchains: validity (cmd/go's buildcfg check, or the
// compiler for GO386), implied tool tags (go/build), assembler defines (go build -n) and
// defaults (go env).

const varArch: Record<SubarchVar, { goos: string; goarch: string }> = {
  GO386: { goos: "linux", goarch: "386" },
  GOAMD64: { goos: "linux", goarch: "amd64" },
  GOARM: { goos: "linux", goarch: "arm" },
  GOARM64: { goos: "linux", goarch: "arm64" },
  GOMIPS: { goos: "linux", goarch: "mipsle" },
  GOMIPS64: { goos: "linux", goarch: "mips64" },
  GOPPC64: { goos: "linux", goarch: "ppc64le" },
  GORISCV64: { goos: "linux", goarch: "riscv64" },
  GOWASM: { goos: "js", goarch: "wasm" },
};

// Values to try per variable: every valid spelling and the near misses.
const candidates: Record<SubarchVar, string[]> = {
  GO386: ["sse2", "softfloat", "387", "SSE2", "", "sse"],
  GOAMD64: ["v1", "v2", "v3", "v4", "v5", "v0", "1", "V3", "v3 "],
  GOARM: [
    "5",
    "6",
    "7",
    "8",
    "4",
    "v7",
    "7,softfloat",
    "6,hardfloat",
    "5,hardfloat",
    "7,soft",
    "7,softfloat,hardfloat",
    "softfloat",
  ],
  GOARM64: [
    "v8.0",
    "v8.1",
    "v8.9",
    "v9.0",
    "v9.5",
    "v9.6",
    "v8.10",
    "v8",
    "v8.2,lse",
    "v8.0,lse,crypto",
    "v8.0,crypto,lse",
    "v8.0,lse,lse",
    "v8.0,aes",
    "lse",
  ],
  GOMIPS: ["hardfloat", "softfloat", "soft", "Hardfloat"],
  GOMIPS64: ["hardfloat", "softfloat", "hard"],
  GOPPC64: ["power8", "power9", "power10", "power7", "power11", "pwr9"],
  GORISCV64: ["rva20u64", "rva22u64", "rva23u64", "rva24u64", "rva22"],
  GOWASM: [
    "satconv",
    "signext",
    "satconv,signext",
    "signext,satconv",
    ",satconv",
    "foo",
    "satconv,foo",
  ],
};

const work = join(process.env.CROSSGO_TEST_CACHE ?? join(tmpdir(), "crossgo-test"), "platform");
const factsBin = new Map<number, string>();

before(async () => {
  mkdirSync(work, { recursive: true });
  await pool(requiredMinors, 2, async (m) => {
    const out = join(work, `facts-go1.${m}`);
    const r = await goCmd(
      m,
      ["build", "-o", out, "main.go"],
      { GO111MODULE: "off" },
      join(import.meta.dirname, "testdata", "facts"),
    );
    assert.equal(r.code, 0, r.stderr);
    factsBin.set(m, out);
  });
});

function ours(
  variable: SubarchVar,
  value: string,
  minor: number,
): { ok: true; tags: string[]; defs: string[] } | { ok: false; msg: string } {
  const rule = subarchRule(variable, minor)!;
  try {
    const v = rule.check(value, minor, varArch[variable].goarch);
    return { ok: true, tags: v.toolTags, defs: v.asmDefines };
  } catch (e) {
    return { ok: false, msg: (e as Error).message };
  }
}

describe("sub-arch validation matches the toolchain", () => {
  for (const minor of requiredMinors) {
    it(`Go 1.${minor}`, async () => {
      const cases: { variable: SubarchVar; value: string }[] = [];
      for (const variable of Object.keys(candidates) as SubarchVar[]) {
        if (subarchRule(variable, minor) === undefined) continue;
        for (const value of candidates[variable]) if (value !== "") cases.push({ variable, value });
      }
      const p = join(work, "p.go");
      await import("node:fs/promises").then((fs) => fs.writeFile(p, "package p\n"));
      await pool(cases, 4, async ({ variable, value }) => {
        const { goos, goarch } = varArch[variable];
        const env = { GOOS: goos, GOARCH: goarch, [variable]: value };
        // GO386 is checked by the compiler (cmd/compile/internal/x86); the rest by cmd/go's buildcfg.Check.
        const r =
          variable === "GO386"
            ? await goCmd(
                minor,
                ["tool", "compile", "-p", "p", "-o", join(work, `p-${minor}.o`), p],
                env,
              )
            : await goCmd(minor, ["list", "runtime"], env);
        const mine = ours(variable, value, minor);
        const goOK = r.code === 0;
        if (minor >= 23 && (variable === "GOAMD64" || variable === "GOARM")) {
          // Since Go 1.23, internal/buildcfg's goarm64() assigns its own result to buildcfg.Error
          // after goamd64() and goarm() have set it, so cmd/go silently accepts a bad GOAMD64 or
          // GOARM and builds the default level. crossgo keeps the documented rules and rejects them.
          if (!mine.ok)
            assert.ok(goOK, `${variable}=${value}: Go 1.${minor} now rejects it too: ${r.stderr}`);
          else
            assert.ok(
              goOK,
              `${variable}=${value}: crossgo accepts, Go 1.${minor} says ${r.stderr}`,
            );
          return;
        }
        assert.equal(
          mine.ok,
          goOK,
          `${variable}=${JSON.stringify(value)} on Go 1.${minor}: crossgo ${mine.ok ? "accepts" : `rejects (${mine.msg})`}, go ${goOK ? "accepts" : `rejects: ${r.stderr.trim()}`}`,
        );
        if (!mine.ok) {
          const goMsg = r.stderr.trim().split("\n")[0]!.replace(/^go: /, "");
          assert.equal(mine.msg, goMsg);
        }
      });
    });
  }
});

describe("tool tags match go/build", () => {
  for (const minor of requiredMinors) {
    it(`Go 1.${minor}`, async () => {
      const cases: { variable: SubarchVar; value: string }[] = [];
      for (const variable of Object.keys(candidates) as SubarchVar[]) {
        if (subarchRule(variable, minor) === undefined) continue;
        for (const value of candidates[variable]) {
          const m = ours(variable, value, minor);
          if (m.ok && value !== "") cases.push({ variable, value });
        }
      }
      await pool(cases, 4, async ({ variable, value }) => {
        const { goos, goarch } = varArch[variable];
        const r = await run(factsBin.get(minor)!, [], {
          env: {
            ...process.env,
            GOROOT: goroot(minor),
            GOOS: goos,
            GOARCH: goarch,
            [variable]: value,
          },
        });
        assert.equal(r.code, 0, r.stderr);
        const facts = JSON.parse(r.stdout) as { ToolTags: string[] };
        const t = resolveTarget(`${goos}/${goarch}/${value}`, { goVersion: `1.${minor}` });
        assert.deepEqual(t.toolTags, facts.ToolTags, `${variable}=${value} on Go 1.${minor}`);
      });
    });
  }
});

describe("pointer size matches go/types", () => {
  it("every port of Go 1.27", async () => {
    await pool(portTable(27), 4, async (p) => {
      const r = await run(factsBin.get(27)!, [], {
        env: { ...process.env, GOROOT: goroot(27), GOOS: p.GOOS, GOARCH: p.GOARCH },
      });
      const facts = JSON.parse(r.stdout) as { PtrSize: number };
      assert.equal(archInfo[p.GOARCH]?.ptrSize, facts.PtrSize, `${p.GOOS}/${p.GOARCH}`);
    });
  });

  it("byte order matches internal/goarch of Go 1.27", () => {
    const src = (f: string) =>
      readFileSync(join(goroot(27), "src", "internal", "goarch", f), "utf8");
    const bigList = /const BigEndian = ([^=]+)==/
      .exec(src("goarch.go"))![1]!
      .split("|")
      .map((s) => s.trim());
    for (const [goarch, info] of Object.entries(archInfo)) {
      const z = src(`zgoarch_${goarch}.go`);
      const set = [...z.matchAll(/const (Is\w+) = 1/g)].map((m) => m[1]!);
      assert.equal(set.length, 1, goarch);
      assert.equal(info.byteOrder, bigList.includes(set[0]!) ? "big" : "little", goarch);
    }
  });
});

describe("assembler defines match go build -n", () => {
  const targets = [
    "linux/amd64/v3",
    "linux/amd64",
    "linux/386/softfloat",
    "linux/386/sse2",
    "linux/arm/v5",
    "linux/arm/v6",
    "linux/arm/7",
    "linux/arm64",
    "linux/arm64/v8.1",
    "linux/mips/softfloat",
    "linux/mips64le/hardfloat",
    "linux/ppc64/power8",
    "linux/ppc64le/power9",
    "linux/riscv64/rva22u64",
    "js/wasm",
    "windows/amd64/v2",
  ];
  for (const minor of requiredMinors) {
    it(`Go 1.${minor}`, async () => {
      const usable = targets.filter((t) => {
        try {
          resolveTarget(t, { goVersion: `1.${minor}` });
          return true;
        } catch (e) {
          if (e instanceof TargetError) return false;
          throw e;
        }
      });
      assert.ok(usable.length >= 10);
      await pool(usable, 3, async (spec) => {
        const t = resolveTarget(spec, { goVersion: `1.${minor}` });
        const r = await goCmd(minor, ["build", "-a", "-n", "runtime"], {
          ...t.env,
          CGO_ENABLED: "0",
        });
        assert.equal(r.code, 0, r.stderr);
        const line = r.stderr.split("\n").find((l) => /\/asm .* -gensymabis/.test(l));
        assert.ok(line, `no asm line for ${spec}`);
        const defs = [...line.matchAll(/ -D (\S+)/g)].map((m) => m[1]!);
        assert.deepEqual(t.asmDefines, defs, `${spec} on Go 1.${minor}`);
      });
    });
  }
});

describe("defaults match the toolchain", () => {
  for (const minor of requiredMinors) {
    it(`Go 1.${minor}`, async () => {
      const t = await inspectGoroot(goroot(minor), "flag");
      const defaults = toolchainDefaults(t);
      for (const [variable, { goos, goarch }] of Object.entries(varArch) as [
        SubarchVar,
        { goos: string; goarch: string },
      ][]) {
        if (subarchRule(variable, minor) === undefined || variable === "GOWASM") continue;
        const r = await goCmd(minor, ["env", variable], { GOOS: goos, GOARCH: goarch });
        let want = r.stdout.trim();
        if (variable === "GOARM") want = want.replace(/,hardfloat$/, ""); // 1.22 and 1.23 print the float mode
        assert.equal(defaults[variable], want, `${variable} default on Go 1.${minor}`);
      }
    });
  }
});
