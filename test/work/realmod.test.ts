// A real module, as a new user brings one (issue 15): five dependencies from a file:// module
// proxy, a transitive one, replace lines of every form (module@version and directory, with and
// without a version on the left), //go:embed of names with "-", spaces and brackets, a nested
// module, and a second main module with exactly one replace. Asserted against the real Go:
// go list on every port, go build's bytes on 8 ports with and without --reproducible, and
// go version -m on what was built.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { resolveTarget } from "../../src/platform/index.js";
import { run } from "../../src/process/run.js";
import { inspectGoroot } from "../../src/toolchain/discover.js";
import { platformFromToolchain } from "../../src/toolchain/platform.js";
import { SourceCache } from "../../src/load/fs.js";
import { crossgoList, diffLists, goList } from "../load/golist.js";
import { ageTree, buildProxy } from "../load/modproxy.js";
import { crossgo } from "../support/cli.js";
import { requireGo } from "../support/toolchains.js";
import { crossgoBuild, goBuild, goEnv, sha256File } from "./oracle.js";

const fixture = join(import.meta.dirname, "testdata", "realmod");
const root = mkdtempSync(join(tmpdir(), "crossgo-realmod-"));
const env: Record<string, string> = {
  GOPROXY: `file://${join(root, "proxy")}`,
  GOMODCACHE: join(root, "modcache"),
  GOPATH: join(root, "gopath"),
  GONOSUMDB: "*",
  GOSUMDB: "off",
  GOFLAGS: "",
};
const main = join(root, "src", "main");
const single = join(root, "src", "single");
const go127 = requireGo(27);

/** PORTS are the byte-identity ports: every object format, 32 and 64 bit, sub-arch variants. */
const PORTS = [
  "linux/amd64",
  "linux/arm64",
  "linux/arm/v6",
  "linux/riscv64",
  "windows/amd64",
  "darwin/arm64",
  "js/wasm",
  "aix/ppc64",
];

before(async () => {
  buildProxy(join(fixture, "proxy"), join(root, "proxy"));
  cpSync(fixture, join(root, "src"), { recursive: true });
  // go.sum as a user gets it: go mod tidy against the proxy (it also fills the module cache).
  for (const dir of [main, single]) {
    const r = await run(join(go127, "bin", "go"), ["mod", "tidy"], {
      cwd: dir,
      env: goEnv(go127, env),
    });
    assert.equal(r.code, 0, `go mod tidy in ${dir}: ${r.stderr}`);
  }
  ageTree(join(root, "src"));
});

describe("a real module: go list -e -json -deps ./... on every port of Go 1.27", () => {
  test("every port", { timeout: 900_000 }, async (t) => {
    const ports = (
      await run(join(go127, "bin", "go"), ["tool", "dist", "list"], {
        env: goEnv(go127),
      })
    ).stdout
      .trim()
      .split("\n");
    assert.ok(ports.length >= 45, `dist list printed ${String(ports.length)} ports`);
    const platform = await platformFromToolchain(await inspectGoroot(go127, "flag"));
    const cache = new SourceCache();
    let unlinkable = 0;
    for (const port of ports) {
      const target = resolveTarget(port, { platform });
      // go first: it writes the .info files (module times) into GOMODCACHE, which crossgo
      // then reads; crossgo never downloads.
      const want = await goList(go127, target.goos, target.goarch, ["./..."], main, {
        ...env,
        CGO_ENABLED: "0",
      });
      const have = await crossgoList(["./..."], {
        target,
        goroot: go127,
        dir: main,
        cache,
        cgo: false,
        env: { ...env, PATH: process.env.PATH, HOME: process.env.HOME },
      });
      assert.deepEqual(diffLists(have, want), [], port);
      // Regression: a main package that needs external linking without cgo has no Module
      // (and no dependencies: only the module's two commands are listed).
      const mainPkg = want.find((p) => p.ImportPath === "example.com/realmod");
      if (String((mainPkg?.Error as { Err?: string } | undefined)?.Err).includes("cgo) linking")) {
        unlinkable++;
        assert.equal(mainPkg?.Module, undefined, port);
      } else
        assert.ok(
          want.length > 40,
          `${port}: go list printed only ${String(want.length)} packages`,
        );
    }
    t.diagnostic(
      `${String(ports.length)} ports, ${String(unlinkable)} that cannot link without cgo`,
    );
    assert.ok(unlinkable >= 4, "the ports that must link externally were covered");
  });
});

/**
 * versionM runs `go version -m FILE` or `crossgo inspect --go-version-m FILE` and returns the
 * exit code and output with the file's name replaced by FILE (go cannot read js/wasm: both
 * must then fail alike).
 */
async function versionM(tool: "go" | "crossgo", file: string): Promise<string> {
  const r =
    tool === "go"
      ? await run(join(go127, "bin", "go"), ["version", "-m", file], { env: goEnv(go127) })
      : await crossgo(["inspect", "--go-version-m", file]);
  return `exit ${String(r.code)}\n${(r.stdout + r.stderr).replaceAll(file, "FILE")}`;
}

describe("a real module: go build's bytes and go version -m (Go 1.27)", () => {
  for (const [name, dir, pkg] of [
    ["several replaces", main, "."],
    ["a second main package", main, "./cmd/tool"],
    ["one replace", single, "."],
  ] as const) {
    for (const reproducible of [true, false]) {
      test(
        `${name}, ${reproducible ? "--reproducible" : "plain -buildvcs=false"}, 8 ports in one graph`,
        { timeout: 1_200_000 },
        async () => {
          const outDir = join(root, "dist", name.replaceAll(" ", "-"), String(reproducible));
          const res = await crossgoBuild(go127, dir, PORTS, { pkg, reproducible, outDir, env });
          assert.deepEqual(res.failures, []);
          let readable = 0;
          for (const spec of PORTS) {
            const art = res.artifacts.find((a) => a.target === spec);
            assert.ok(art, `no artifact for ${spec}`);
            const ref = await goBuild(go127, dir, spec, pkg, { reproducible, env });
            assert.equal(art.sha256, sha256File(ref), `${name} ${spec}: crossgo (have), go (want)`);
            // go cannot read js/wasm, nor a stripped XCOFF (aix): crossgo must fail alike.
            const want = await versionM("go", ref);
            if (want.startsWith("exit 0\n")) {
              assert.match(want, /\n\t=>\t/, `${spec}: the build info records a replacement`);
              readable++;
            }
            const have = await versionM("crossgo", join(outDir, art.path));
            assert.equal(have, want, `${spec}: go version -m`);
          }
          assert.ok(readable >= 6, `go version -m read only ${String(readable)} of the binaries`);
        },
      );
    }
  }
});
