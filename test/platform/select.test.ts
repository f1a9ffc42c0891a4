import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  portName,
  ports,
  portTable,
  selectTargets,
  TargetError,
  resolveTarget,
} from "../../src/platform/index.js";
import { crossgo } from "../support/cli.js";

const names = (sel: string[], goVersion = "1.27") =>
  selectTargets(sel, { goVersion }).map((t) => t.name);

describe("selectors", () => {
  const all = ports(27).map(portName);

  it("all is the dist list (no broken ports)", () => {
    assert.deepEqual(names(["all"]), all);
    assert.deepEqual(names([]), all);
  });

  it("first-class, secondary, cgo, broken", () => {
    assert.deepEqual(names(["first-class"]), [
      "darwin/amd64",
      "darwin/arm64",
      "linux/386",
      "linux/amd64",
      "linux/arm",
      "linux/arm64",
      "windows/386",
      "windows/amd64",
    ]);
    assert.deepEqual(names(["secondary"]).length + names(["first-class"]).length, all.length);
    assert.deepEqual(
      names(["cgo"]),
      ports(27)
        .filter((p) => p.CgoSupported)
        .map(portName),
    );
    assert.ok(names(["cgo"]).includes("linux/ppc64"), "linux/ppc64 supports cgo from Go 1.27");
    assert.ok(!names(["cgo"], "1.26").includes("linux/ppc64"));
    assert.deepEqual(names(["broken"]), ["freebsd/riscv64", "linux/sparc64"]);
    assert.deepEqual(names(["broken"], "1.23"), ["linux/sparc64", "openbsd/mips64"]);
  });

  it("globs over goos and goarch", () => {
    assert.deepEqual(
      names(["linux/*"]),
      all.filter((n) => n.startsWith("linux/")),
    );
    assert.deepEqual(
      names(["*/arm64"]),
      all.filter((n) => n.endsWith("/arm64")),
    );
    assert.deepEqual(names(["linux/mips*"]), [
      "linux/mips",
      "linux/mips64",
      "linux/mips64le",
      "linux/mipsle",
    ]);
    assert.ok(!names(["freebsd/*"]).includes("freebsd/riscv64"), "globs never pick broken ports");
  });

  it("exact ports, with sub-arch variants", () => {
    assert.deepEqual(names(["linux/arm64"]), ["linux/arm64"]);
    const cases: [string, string, string][] = [
      ["linux/arm/v6", "GOARM", "6"],
      ["linux/amd64/v3", "GOAMD64", "v3"],
      ["linux/arm64/v8.2,lse", "GOARM64", "v8.2,lse"],
      ["linux/mips/softfloat", "GOMIPS", "softfloat"],
      ["linux/ppc64le/power9", "GOPPC64", "power9"],
      ["linux/riscv64/rva22u64", "GORISCV64", "rva22u64"],
      ["js/wasm/satconv,signext", "GOWASM", "satconv,signext"],
      ["linux/386/softfloat", "GO386", "softfloat"],
    ];
    for (const [sel, v, want] of cases) {
      const [t, ...rest] = selectTargets([sel]);
      assert.equal(rest.length, 0, sel);
      assert.equal(t!.name, sel);
      assert.equal(t!.env[v], want, sel);
    }
    // A variant term may be followed by more terms.
    assert.deepEqual(names(["linux/arm64/v8.2,lse,linux/amd64"]), [
      "linux/amd64",
      "linux/arm64/v8.2,lse",
    ]);
    assert.deepEqual(
      names(["first-class,linux/arm/v6"]).filter((n) => n.startsWith("linux/arm")),
      ["linux/arm", "linux/arm/v6", "linux/arm64"],
    );
  });

  it("negation", () => {
    const sel = names(["all,!broken,!android/*"]);
    assert.deepEqual(
      sel,
      all.filter((n) => !n.startsWith("android/")),
    );
    assert.deepEqual(names(["!android/*"]), sel, "a selector of only negations starts from all");
    assert.deepEqual(
      names(["!linux/*,linux/arm64"]),
      all.filter((n) => !n.startsWith("linux/") || n === "linux/arm64"),
      "read left to right: a leading removal starts from all, later terms add back",
    );
    assert.deepEqual(
      names(["linux/*,!linux/mips*,!*/386"]),
      all.filter((n) => n.startsWith("linux/") && !n.startsWith("linux/mips") && n !== "linux/386"),
    );
    assert.deepEqual(names(["linux/arm/v6,linux/arm/v7,!linux/arm/v6"]), ["linux/arm/v7"]);
    assert.deepEqual(
      names(["linux/arm/v6,linux/arm,!linux/arm"]),
      [],
      "negating a port removes its variants too",
    );
  });

  it("broken ports are selectable by name", () => {
    assert.deepEqual(names(["linux/sparc64"]), ["linux/sparc64"]);
  });

  it("property: all,!S never contains S, and is all minus S", () => {
    const table = ports(27).map(portName);
    fc.assert(
      fc.property(fc.subarray(table), (drop) => {
        const sel = ["all", ...drop.map((d) => `!${d}`)].join(",");
        assert.deepEqual(
          names([sel]),
          table.filter((n) => !drop.includes(n)),
        );
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("property: union of selectors is order-insensitive and sorted by the table", () => {
    const table = ports(27).map(portName);
    fc.assert(
      fc.property(fc.shuffledSubarray(table, { minLength: 1 }), (pick) => {
        const a = names(pick);
        const b = names([...pick].reverse());
        assert.deepEqual(a, b);
        assert.deepEqual(
          a,
          table.filter((n) => pick.includes(n)),
        );
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe("selector and target errors", () => {
  const bad = (sel: string, re: RegExp, goVersion = "1.27") => {
    assert.throws(
      () => selectTargets([sel], { goVersion }),
      (e: unknown) => e instanceof TargetError && re.test(e.message),
    );
  };

  it("misspelt ports suggest the nearest", () => {
    bad("linux/amd46", /unknown target linux\/amd46: did you mean linux\/amd64\?/);
    bad("lnux/arm64", /did you mean linux\/arm64\?/);
    bad("darwn/arm64", /did you mean darwin\/arm64\?/);
  });

  it("ports of another release say so", () => {
    bad("windows/arm", /not a port of Go 1\.27: it was removed after Go 1\.25/);
    bad("wasip1/wasm", /not a port of Go 1\.19: it is new in Go 1\.21/, "1.19");
    bad("openbsd/mips64", /removed after Go 1\.26/);
  });

  it("sub-arch values are validated per release", () => {
    bad("linux/amd64/v5", /invalid GOAMD64: must be v1, v2, v3, v4/);
    bad("linux/arm/v8", /invalid GOARM: must start with 5, 6, or 7/);
    bad("linux/arm/7,softfloat", /invalid GOARM: must be 5, 6, 7/, "1.21"); // the float suffix is new in 1.22
    assert.equal(
      resolveTarget("linux/arm/7,softfloat", { goVersion: "1.22" }).env.GOARM,
      "7,softfloat",
    );
    bad("linux/arm64/v8.2", /has no GOARM64/, "1.22"); // GOARM64 is new in 1.23
    bad("linux/arm64/v9.6", /invalid GOARM64/);
    bad("linux/riscv64/rva23u64", /invalid GORISCV64: must be rva20u64, rva22u64$/, "1.23");
    bad("linux/ppc64le/power10", /invalid GOPPC64: must be power8, power9$/, "1.19");
    bad("linux/mips/soft", /invalid GOMIPS: must be hardfloat, softfloat/);
    bad("linux/mips64/x", /invalid GOMIPS64/);
    bad("js/wasm/simd", /invalid GOWASM: no such feature "simd"/);
    bad("linux/386/387", /GO386=387\. Consider using GO386=softfloat/);
    bad("linux/386/sse3", /unsupported setting GO386=sse3; valid values: sse2, softfloat/);
    bad("linux/s390x/z15", /s390x has no sub-architecture variable/);
  });

  it("malformed selectors", () => {
    bad("linux", /invalid selector term "linux"/);
    bad("firstclass", /did you mean first-class\?/);
    bad("linux/", /invalid selector term/);
    bad("plan10/*", /matches no port/);
    bad("*/arm64/v8.1", /a sub-arch variant needs one port/);
    assert.throws(() => resolveTarget("linux/*"), /is a selector, not one target/);
    assert.throws(() => resolveTarget("linux"), /want goos\/goarch/);
  });

  it("the CLI exits 2 with one line", async () => {
    for (const args of [
      ["resolve", "linux/amd46"],
      ["targets", "linux/amd64/v5"],
      ["resolve", "linux/arm64/v10.0"],
      ["targets", "--go", "banana"],
    ]) {
      const r = await crossgo(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, /^crossgo: /);
      assert.equal(r.stdout, "");
    }
  });
});

describe("resolve", () => {
  it("linux/arm/v6 as JSON", async () => {
    const r = await crossgo(["resolve", "linux/arm/v6", "--json", "--go", "1.27"]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(j.env, { GOOS: "linux", GOARCH: "arm", GOARM: "6" });
    assert.deepEqual(j.ToolTags, ["arm.5", "arm.6"]);
    assert.deepEqual(j.AsmDefines, [
      "-D",
      "GOOS_linux",
      "-D",
      "GOARCH_arm",
      "-D",
      "GOARM_6",
      "-D",
      "GOARM_5",
    ]);
    assert.equal(j.CgoDefault, false);
    assert.equal(j.ObjectFormat, "elf");
    assert.equal(j.Triple, "arm-linux-gnueabi"); // armel: Debian's armhf toolchain is ARMv7
  });

  it("facts of every port", () => {
    for (const p of portTable(27)) {
      const t = resolveTarget(`${p.GOOS}/${p.GOARCH}`);
      assert.ok(["elf", "pe", "macho", "wasm", "xcoff", "plan9"].includes(t.objectFormat));
      if (p.GOOS !== "plan9") assert.ok(t.triple, `${p.GOOS}/${p.GOARCH} has a triple`);
    }
    assert.equal(resolveTarget("aix/ppc64").objectFormat, "xcoff");
    assert.equal(resolveTarget("plan9/386").objectFormat, "plan9");
    assert.equal(resolveTarget("ios/arm64").objectFormat, "macho");
    assert.equal(resolveTarget("wasip1/wasm").objectFormat, "wasm");
    assert.equal(resolveTarget("linux/s390x").byteOrder, "big");
    assert.deepEqual(resolveTarget("windows/arm64").node, { platform: "win32", arch: "arm64" });
    assert.equal(resolveTarget("plan9/amd64").node, undefined);
    assert.equal(resolveTarget("linux/arm/v5").triple, "arm-linux-gnueabi");
    assert.equal(resolveTarget("android/arm64").mustLinkExternal, false);
    assert.equal(resolveTarget("android/arm").mustLinkExternal, true);
  });
});
