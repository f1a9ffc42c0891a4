// Differential test: for the test program built for many ports (and older Go releases),
// `crossgo inspect --go-version-m DIR` prints what `go version -m DIR` prints, the build ID
// equals `go tool buildid`, and format/GOOS/GOARCH equal the target. CROSSGO_FULL=1 builds all
// 42 pure-Go ports of Go 1.27 instead of the representative subset.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { before, describe, it } from "node:test";
import { readBuildID } from "../../src/goinfo/buildid.js";
import { summarize } from "../../src/goinfo/summary.js";
import { withFileSource } from "../../src/cli/commands/inspect.js";
import { objectFormat } from "../../src/platform/index.js";
import {
  buildBinary,
  DefaultPorts,
  fullRun,
  goroot,
  goRun,
  mapLimit,
  pureGoPorts,
  specDir,
} from "../binfmt/gobuild.js";
import type { BuildSpec } from "../binfmt/gobuild.js";
import { crossgo } from "../inspect/cli.js";

const hasGcc = (() => {
  try {
    execFileSync("gcc", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

function specs(): BuildSpec[] {
  const targets = fullRun ? pureGoPorts(27).map((p) => `${p.goos}/${p.goarch}`) : [...DefaultPorts];
  const out: BuildSpec[] = [];
  for (const t of targets) {
    const [goos, goarch] = t.split("/") as [string, string];
    out.push({ minor: 27, goos, goarch }, { minor: 27, goos, goarch, stripped: true });
  }
  if (hasGcc) out.push({ minor: 27, goos: "linux", goarch: "amd64", cgo: true });
  // Older layouts: Go 1.23 and 1.19 (both installed in CI).
  for (const minor of [23, 19]) {
    if (!goroot(minor)) continue;
    for (const t of ["linux/ppc64", "windows/amd64", "darwin/amd64"]) {
      const [goos, goarch] = t.split("/") as [string, string];
      out.push({ minor, goos, goarch });
    }
  }
  return out;
}

const all = specs();
const built = new Map<BuildSpec, string>();

describe(`go version -m and go tool buildid parity (${fullRun ? "full: 42 ports" : `${DefaultPorts.length} ports, CROSSGO_FULL=1 for all 42`})`, () => {
  before(async () => {
    const paths = await mapLimit(all, 2, buildBinary);
    all.forEach((s, i) => built.set(s, paths[i] as string));
  });

  for (const minor of [...new Set(all.map((s) => s.minor))]) {
    it(`inspect --go-version-m equals go version -m for the Go 1.${minor} directory`, async () => {
      const dir = specDir(minor);
      const want = await goRun(27, ["version", "-m", dir]);
      const have = await crossgo(["inspect", "--go-version-m", dir]);
      assert.equal(have.stderr, "");
      assert.equal(have.code, 0);
      assert.match(
        want,
        /\tdep\texample\.com\/lib\tv1\.2\.3\th1:/,
        "a proxied dependency with version and sum",
      );
      assert.match(want, /\t=>\t\.\.\/dep\t\(devel\)/, "a replaced dependency");
      assertSameText(have.stdout, want, dir);
    });
  }

  it("inspect --go-version-m equals go version -m file by file, stderr and exit code included", async () => {
    // One CLI process per file is slow, so the default run picks the odd cases: Wasm (Go has no
    // reader), stripped XCOFF (Go rejects it), PE, Mach-O, Plan 9, cgo and an old release.
    const pick = (s: BuildSpec): boolean =>
      fullRun ||
      s.goarch === "wasm" ||
      (s.goos === "aix" && s.stripped === true) ||
      (s.goos === "windows" && s.goarch === "386") ||
      (s.goos === "darwin" && !s.stripped) ||
      (s.goos === "plan9" && !s.stripped) ||
      s.cgo === true ||
      s.minor === 19;
    const files = [...built].filter(([s]) => pick(s)).map(([, f]) => f);
    for (const f of files) {
      const root = goroot(27) as string;
      const r = execGo(root, ["version", "-m", f]);
      const have = await crossgo(["inspect", "--go-version-m", f]);
      assertSameText(have.stdout, r.stdout, `stdout for ${f}`);
      assertSameText(have.stderr, r.stderr, `stderr for ${f}`);
      assert.equal(have.code, r.code, `exit code for ${f}`);
    }
  });

  it("build settings that need Go quoting (tab, quotes, backslash, non-ASCII) print as go version -m prints them", async () => {
    const f = await buildBinary({
      minor: 27,
      goos: "linux",
      goarch: "arm64",
      variant: {
        name: "quoting",
        // cmd/go splits -ldflags on spaces but keeps single-quoted words: a tab, double quotes,
        // a backslash, non-ASCII and a U+2028 separator all reach the build info.
        flags: [
          "-tags=x,y",
          "-gcflags=all=-N -l",
          "-ldflags=-s -w -X 'main.v=a\tb \"q\" \\ \u00fcn\u00ef\u2028'",
        ],
      },
    });
    const root = goroot(27) as string;
    const r = execGo(root, ["version", "-m", f]);
    assert.match(
      r.stdout,
      /-ldflags=".*\\t.*\\"q\\"/,
      `the setting is quoted with escapes:\n${r.stdout}`,
    );
    const have = await crossgo(["inspect", "--go-version-m", f]);
    assertSameText(have.stdout, r.stdout, f);
  });

  it("build ID equals go tool buildid for every binary", async () => {
    for (const [s, f] of built) {
      const want = (await goRun(27, ["tool", "buildid", f])).trim();
      const have = await withFileSource(f, readBuildID);
      assert.equal(have, want, `${f} (go1.${s.minor})`);
    }
  });

  it("format, GOOS and GOARCH equal the target", async () => {
    for (const [s, f] of built) {
      const sum = await withFileSource(f, summarize);
      const info = sum.info;
      assert.ok(info, `${f}: ${sum.formatError ?? "unreadable"}`);
      assert.equal(info.format, objectFormat(s.goos), `format of ${f}`);
      assert.equal(info.goarch, s.goarch, `GOARCH from the ${info.format} header of ${f}`);
      assert.equal(sum.goarch, s.goarch, `GOARCH of ${f}`);
      if (s.goos === "js" || s.goos === "wasip1") {
        // Go writes no build info into Wasm; the import module names the OS.
        assert.equal(info.goos, s.goos, `GOOS from the Wasm imports of ${f}`);
        continue;
      }
      assert.equal(sum.goos, s.goos, `GOOS of ${f}`);
      const fmtGoos = info.goosCandidates ?? [info.goos];
      assert.ok(
        fmtGoos.includes(s.goos),
        `format-level GOOS of ${f}: have ${fmtGoos.join(",")}, want ${s.goos}`,
      );
      assert.equal(info.hasSymbols, !s.stripped, `symbol table of ${f}`);
      if (info.format !== "plan9") assert.equal(info.hasDWARF, !s.stripped, `DWARF of ${f}`);
    }
  });
});

/** execGo runs the real go synchronously and keeps stdout, stderr and the exit code. */
function execGo(root: string, args: string[]): { stdout: string; stderr: string; code: number } {
  const r = spawnSync(`${root}/bin/go`, args, {
    env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "" },
    encoding: "utf8",
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

/** assertSameText compares two outputs and reports the first differing line, not both texts. */
export function assertSameText(have: string, want: string, what: string): void {
  if (have === want) return;
  const h = have.split("\n");
  const w = want.split("\n");
  let i = 0;
  while (i < h.length && i < w.length && h[i] === w[i]) i++;
  assert.fail(
    `${what}: line ${i + 1} differs\nhave: ${JSON.stringify(h[i] ?? "<end>")}\nwant: ${JSON.stringify(w[i] ?? "<end>")}`,
  );
}
