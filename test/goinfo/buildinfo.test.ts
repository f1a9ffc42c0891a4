// runtime/debug's BuildInfo.String is the oracle for crossgo's build info text (what the
// linker embeds as runtime.modinfo and go version -m prints): replaced modules with and
// without a version, several of them, a replaced main module, quoted settings. Regression:
// the text after a "=>" line missed the newline BuildInfo.String writes (issue 15).
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { formatBuildInfo, parseModInfo, type BuildInfo } from "../../src/goinfo/modinfo.js";
import { run } from "../../src/process/run.js";
import { goEnv } from "../constraint/oracle.js";
import { requireGo } from "../support/toolchains.js";

const m = (Path: string, Version: string, Sum = "", Replace?: BuildInfo["Main"]) =>
  Replace ? { Path, Version, Sum, Replace } : { Path, Version, Sum };

const CASES: BuildInfo[] = [
  {
    GoVersion: "",
    Path: "example.com/m",
    Main: m("example.com/m", "(devel)"),
    Deps: [
      m("a.com/x", "v1.0.0", "h1:abc="),
      m("b.com/y", "v2.0.0", "", m("../y", "(devel)")),
      m("c.com/z", "v1.1.0", "", m("c.com/z", "v1.2.0", "h1:zz=")),
      m("d.com/w", "v0.1.0", "", m("d.com/fork", "v0.3.0", "h1:ww=")),
      m("e.com/v", "v1.0.0", "h1:vv="),
    ],
    Settings: [
      { Key: "-ldflags", Value: '-s -w -X "main.v=a b"' },
      { Key: "-tags", Value: "netgo,osusergo" },
      { Key: "CGO_ENABLED", Value: "0" },
      { Key: "weird key", Value: "tab\there" },
    ],
  },
  {
    GoVersion: "go1.27.4",
    Path: "example.com/one",
    Main: m("example.com/one", "(devel)"),
    Deps: [m("z.com/only", "v1.0.0", "", m("./local/only", "(devel)"))],
    Settings: [{ Key: "GOOS", Value: "linux" }],
  },
  {
    GoVersion: "",
    Path: "example.com/r/cmd",
    Main: m("example.com/r", "v1.0.0", "", m("../r", "(devel)")),
    Deps: [],
    Settings: [],
  },
];

test("formatBuildInfo equals BuildInfo.String; parseModInfo reads it back", async () => {
  const goroot = requireGo(27);
  const r = await run(join(goroot, "bin", "go"), ["run", "."], {
    cwd: join(import.meta.dirname, "oracle"),
    env: goEnv(),
    input: JSON.stringify(CASES),
  });
  assert.equal(r.code, 0, r.stderr);
  const answers = JSON.parse(r.stdout) as { string: string; roundTrip: boolean }[];
  assert.equal(answers.length, CASES.length);
  CASES.forEach((bi, i) => {
    const want = answers[i]!;
    assert.equal(formatBuildInfo(bi), want.string, `case ${String(i)}`);
    assert.ok(want.roundTrip, `case ${String(i)}: Go reads its own text back`);
    assert.deepEqual(parseModInfo(want.string), { ...bi, GoVersion: "" }, `case ${String(i)}`);
  });
});
