// The port rules against each release's own internal/platform/supported.go: the oracle copies
// supported.go and zosarch.go of Go 1.21-1.27 (Debian's golang-1.N-src) into one Go program
// that prints every rule for every port, and crossgo's portRules must say the same.

import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { portTable } from "../../src/platform/ports.js";
import { buildModes, portRules } from "../../src/platform/rules.js";
import { resolveTarget } from "../../src/platform/resolve.js";
import { goCmd } from "../support/toolchains.js";

const minors = [21, 22, 23, 24, 25, 26, 27];

// platformSource is where Debian keeps Go 1.minor's internal/platform.
const platformSource = (minor: number) => `/usr/share/go-1.${minor}/src/internal/platform`;

interface Answer {
  goos: string;
  goarch: string;
  mustLinkExternal: [boolean, boolean]; // withCgo false, true
  defaultPIE: [boolean, boolean]; // isRace false, true
  internalLinkPIESupported: boolean;
  executableHasDWARF: boolean;
  buildModes: Record<string, boolean>;
}

const MAIN = `package main

import (
	"encoding/json"
	"os"
	"strings"
	IMPORTS
)

type answer struct {
	GOOS, GOARCH             string
	MustLinkExternal         [2]bool
	DefaultPIE               [2]bool
	InternalLinkPIESupported bool
	ExecutableHasDWARF       bool
	BuildModes               map[string]bool
}

type rules struct {
	must   func(string, string, bool) bool
	pie    func(string, string, bool) bool
	ilpie  func(string, string) bool
	dwarf  func(string, string) bool
	modes  func(string, string, string, string) bool
}

func main() {
	all := map[string]rules{ TABLE }
	r := all[os.Args[1]]
	var out []answer
	for _, port := range os.Args[3:] {
		goos, goarch, _ := strings.Cut(port, "/")
		a := answer{GOOS: goos, GOARCH: goarch, BuildModes: map[string]bool{}}
		a.MustLinkExternal = [2]bool{r.must(goos, goarch, false), r.must(goos, goarch, true)}
		a.DefaultPIE = [2]bool{r.pie(goos, goarch, false), r.pie(goos, goarch, true)}
		a.InternalLinkPIESupported = r.ilpie(goos, goarch)
		a.ExecutableHasDWARF = r.dwarf(goos, goarch)
		for _, m := range strings.Split(os.Args[2], ",") {
			a.BuildModes[m] = r.modes("gc", m, goos, goarch)
		}
		out = append(out, a)
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`;

let dir = "";
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "crossgo-rules-"));
  const missing = minors.filter((m) => !existsSync(join(platformSource(m), "supported.go")));
  if (missing.length > 0)
    throw new Error(
      `no internal/platform source for ${missing.map((m) => `Go 1.${m}`).join(", ")}: run scripts/install-system.sh --tests`,
    );
  for (const m of minors) {
    const pkg = join(dir, `p${m}`);
    mkdirSync(pkg);
    for (const f of ["supported.go", "zosarch.go"])
      cpSync(join(platformSource(m), f), join(pkg, f));
  }
  const imports = minors.map((m) => `p${m} "oracle/p${m}"`).join("\n\t");
  const table = minors
    .map(
      (m) =>
        `"${m}": {p${m}.MustLinkExternal, p${m}.DefaultPIE, p${m}.InternalLinkPIESupported, p${m}.ExecutableHasDWARF, p${m}.BuildModeSupported},`,
    )
    .join("\n\t\t");
  writeFileSync(join(dir, "go.mod"), "module oracle\n\ngo 1.21\n");
  writeFileSync(join(dir, "main.go"), MAIN.replace("IMPORTS", imports).replace("TABLE", table));
  const r = await goCmd(27, ["build", "-o", "oracle", "."], { CGO_ENABLED: "0" }, dir);
  assert.equal(r.code, 0, r.stderr);
});

async function oracle(minor: number, ports: string[]): Promise<Answer[]> {
  const { run } = await import("../../src/process/run.js");
  const r = await run(join(dir, "oracle"), [String(minor), buildModes.join(","), ...ports]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as Record<string, unknown>[]).map((a) => ({
    goos: a.GOOS as string,
    goarch: a.GOARCH as string,
    mustLinkExternal: a.MustLinkExternal as [boolean, boolean],
    defaultPIE: a.DefaultPIE as [boolean, boolean],
    internalLinkPIESupported: a.InternalLinkPIESupported as boolean,
    executableHasDWARF: a.ExecutableHasDWARF as boolean,
    buildModes: a.BuildModes as Record<string, boolean>,
  }));
}

describe("port rules equal internal/platform's", () => {
  for (const minor of minors) {
    it(`every port of Go 1.${minor}, every rule`, async () => {
      // The ports of the release, and a few it does not have (BuildModeSupported says false).
      const ports = [
        ...portTable(minor).map((p) => `${p.GOOS}/${p.GOARCH}`),
        "linux/sparc64",
        "plan9/arm64",
      ];
      const want = await oracle(minor, ports);
      const rules = portRules(minor);
      const have: Answer[] = ports.map((port) => {
        const [goos = "", goarch = ""] = port.split("/");
        return {
          goos,
          goarch,
          mustLinkExternal: [
            rules.mustLinkExternal(goos, goarch, false),
            rules.mustLinkExternal(goos, goarch, true),
          ],
          defaultPIE: [rules.defaultPIE(goos, goarch, false), rules.defaultPIE(goos, goarch, true)],
          internalLinkPIESupported: rules.internalLinkPIESupported(goos, goarch),
          executableHasDWARF: rules.executableHasDWARF(goos, goarch),
          buildModes: Object.fromEntries(
            buildModes.map((m) => [m, rules.buildModeSupported("gc", m, goos, goarch)]),
          ),
        };
      });
      assert.deepEqual(have, want);
      assert.ok(want.some((a) => a.mustLinkExternal[1]) && want.some((a) => !a.defaultPIE[0]));
    });
  }

  // crossgo resolve's MustLinkExternal is Go's MustLinkExternal(goos, goarch, false): ios/amd64
  // is false (it needs a C linker only for its default PIE, which resolve reports apart).
  for (const minor of [23, 26, 27]) {
    it(`crossgo resolve on every port of Go 1.${minor}`, async () => {
      const ports = portTable(minor).map((p) => `${p.GOOS}/${p.GOARCH}`);
      const want = await oracle(minor, ports);
      for (const a of want) {
        const t = resolveTarget(`${a.goos}/${a.goarch}`, { goVersion: `1.${minor}` });
        assert.equal(t.mustLinkExternal, a.mustLinkExternal[0], `${a.goos}/${a.goarch}`);
        assert.equal(t.defaultPIE, a.defaultPIE[0], `${a.goos}/${a.goarch}`);
      }
      assert.equal(resolveTarget("ios/amd64", { goVersion: `1.${minor}` }).mustLinkExternal, false);
    });
  }
});
