// C toolchain selection for cgo (issue "cgo cross-compilation", first part): the order
// CC_FOR_<goos>_<goarch>, CC, the host's default CC, Debian's cross gcc, mingw-w64; the
// sentence naming the Debian package when there is none (checked against apt's own index);
// `crossgo doctor`; and `--backend go` with CGO_ENABLED=1 using each target's toolchain, its
// bytes equal to go build given the same CC, a target without one failing alone.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { resolveTarget } from "../../src/platform/index.js";
import { readGoroot } from "../../src/toolchain/goroot.js";
import { describeCToolchain, findCToolchain, glibcVersion } from "../../src/work/ctoolchain.js";
import { crossgo } from "../support/cli.js";
import { requireGo } from "../support/toolchains.js";
import { goEnv, sha256File } from "./oracle.js";

const goroot = requireGo(27);
const gr = readGoroot(goroot);
const empty = mkdtempSync(join(tmpdir(), "crossgo-nopath-"));
const t = (spec: string) => resolveTarget(spec, { goVersion: "1.27" });
const hasApt = spawnSync("apt-cache", ["--version"]).status === 0;

describe("C toolchain selection", () => {
  test("without compilers on PATH, each target names the Debian package that gives it one", () => {
    const want: [string, string][] = [
      ["linux/riscv64", "apt-get install gcc-riscv64-linux-gnu (or set CC_FOR_linux_riscv64)"],
      ["linux/arm64", "apt-get install gcc-aarch64-linux-gnu"],
      ["linux/arm/v7", "apt-get install gcc-arm-linux-gnueabihf"],
      ["linux/arm/v6", "apt-get install gcc-arm-linux-gnueabi "], // armhf's gcc targets ARMv7
      ["linux/mips64le", "apt-get install gcc-mips64el-linux-gnuabi64"],
      ["linux/386", "apt-get install gcc-i686-linux-gnu"],
      ["windows/amd64", "apt-get install gcc-mingw-w64"],
      ["darwin/arm64", "an Apple SDK (SDKROOT), which Debian does not package"],
      ["freebsd/amd64", "a sysroot for freebsd, which Debian does not package"],
      ["plan9/amd64", "cgo is not supported on plan9/amd64"],
    ];
    for (const [spec, sentence] of want) {
      const c = findCToolchain(t(spec), gr, { PATH: empty });
      assert.ok("missing" in c, spec);
      assert.ok(c.missing.includes(sentence), `${spec}: ${c.missing}`);
    }
  });

  test(
    `the packages named exist in apt's index${hasApt ? "" : " (SKIPPED: no apt-cache)"}`,
    { skip: !hasApt },
    () => {
      for (const spec of ["linux/riscv64", "linux/arm/v6", "linux/s390x", "windows/386"]) {
        const c = findCToolchain(t(spec), gr, { PATH: empty });
        const pkg = "missing" in c ? /apt-get install (\S+)/.exec(c.missing)?.[1] : undefined;
        assert.ok(pkg, spec);
        const r = spawnSync("apt-cache", ["policy", pkg], { encoding: "utf8" });
        assert.match(r.stdout, /Candidate: (?!\(none\))\S+/, `${pkg}: ${r.stdout}`);
      }
    },
  );

  test("CC_FOR_<goos>_<goarch> comes first, then CC; a named compiler that is missing is said so", () => {
    const PATH = process.env.PATH ?? "";
    const forTarget = findCToolchain(t("linux/arm64"), gr, {
      PATH,
      CC_FOR_linux_arm64: "gcc -O1",
      CC: "cc",
    });
    assert.ok("toolchain" in forTarget);
    assert.deepEqual(forTarget.toolchain.cc, ["gcc", "-O1"]);
    assert.deepEqual(forTarget.toolchain.cxx, ["g++", "-O1"]);
    assert.equal(forTarget.toolchain.how, "CC_FOR_linux_arm64");
    const cc = findCToolchain(t("linux/arm64"), gr, { PATH, CC: "gcc", CXX: "g++" });
    assert.ok("toolchain" in cc && cc.toolchain.how === "CC");
    const gone = findCToolchain(t("linux/arm64"), gr, { PATH, CC_FOR_linux_arm64: "nonesuch-cc" });
    assert.ok("missing" in gone);
    assert.equal(
      gone.missing,
      "CC_FOR_linux_arm64=nonesuch-cc: nonesuch-cc is not on PATH (linux/arm64)",
    );
  });

  test("the host target gets the toolchain's default CC; its version and glibc are the system's", async () => {
    const host = `${gr.hostOS}/${gr.hostArch}`;
    const c = findCToolchain(t(host), gr, { PATH: process.env.PATH ?? "" });
    assert.ok("toolchain" in c, "missing" in c ? c.missing : "");
    assert.equal(c.toolchain.cc[0], gr.defaultCC(gr.hostOS, gr.hostArch));
    const facts = await describeCToolchain(c.toolchain, t(host), process.env);
    const version = spawnSync(c.toolchain.path, ["--version"], { encoding: "utf8" }).stdout;
    assert.equal(facts.version, version.split("\n")[0]);
    const ldd = spawnSync("ldd", ["--version"], { encoding: "utf8" }).stdout;
    assert.equal(facts.glibc, /(\d+\.\d+)\s*$/m.exec(ldd.split("\n")[0] ?? "")?.[1]);
  });

  test("glibcVersion reads the release libc.so.6 announces", () => {
    const text = "x\0GNU C Library (Debian GLIBC 2.31-13+deb11u5) stable release version 2.31.\n";
    assert.equal(glibcVersion(Buffer.from(text, "latin1")), "2.31");
    assert.equal(glibcVersion(Buffer.from("no libc here")), undefined);
  });
});

describe("crossgo doctor and --backend go with cgo", () => {
  const dir = mkdtempSync(join(tmpdir(), "crossgo-cgo-"));
  writeFileSync(join(dir, "go.mod"), "module example.com/cgohello\n\ngo 1.27\n");
  writeFileSync(
    join(dir, "main.go"),
    'package main\n\n/*\n#cgo CFLAGS: -DANSWER=42\nstatic int answer(void) { return ANSWER; }\n*/\nimport "C"\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello from cgo", C.answer()) }\n',
  );
  const host = `${gr.hostOS}/${gr.hostArch}`;

  test("doctor: the host's compiler and what another target lacks, exit 1 for the missing one", async () => {
    const r = await crossgo(
      ["doctor", "--goroot", goroot, "-t", `${host},linux/riscv64`, "--json"],
      { env: { CC_FOR_linux_riscv64: "riscv64-none-gcc" } },
    );
    assert.equal(r.code, 1, r.stderr);
    const [first, second] = JSON.parse(r.stdout) as Record<string, string>[];
    assert.ok(first);
    assert.equal(first.Target, host);
    assert.equal(first.How, "the host's default CC");
    assert.ok(existsSync(first.Path ?? ""));
    assert.deepEqual(second, {
      Target: "linux/riscv64",
      Missing:
        "CC_FOR_linux_riscv64=riscv64-none-gcc: riscv64-none-gcc is not on PATH (linux/riscv64)",
    });
  });

  test("--backend go, CGO_ENABLED=1: each target's C compiler; go build's bytes; a target without one fails alone", async () => {
    const out = join(dir, "dist");
    mkdirSync(out, { recursive: true });
    const r = await crossgo(
      [
        "build",
        "--goroot",
        goroot,
        "--backend",
        "go",
        "--reproducible",
        "-t",
        `${host},linux/riscv64`,
        "-o",
        out,
        ".",
      ],
      { cwd: dir, env: { CGO_ENABLED: "1", CC_FOR_linux_riscv64: "riscv64-none-gcc" } },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /linux\/riscv64 \(CC_FOR_linux_riscv64=riscv64-none-gcc: riscv64-none-gcc is not on PATH/,
    );
    const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
      artifacts: { target: string; path: string; cc?: string }[];
    };
    const a = m.artifacts.find((x) => x.target === host);
    assert.ok(a, "the host target was built");
    const cc = gr.defaultCC(gr.hostOS, gr.hostArch);
    assert.equal(a.cc, cc);
    const run = spawnSync(join(out, a.path), { encoding: "utf8" });
    assert.equal(run.stdout, "hello from cgo 42\n");
    // go build with the same compiler and flags gives the same bytes.
    const want = join(dir, "want");
    const go = spawnSync(
      join(goroot, "bin", "go"),
      ["build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-o", want, "."],
      { cwd: dir, env: { ...goEnv(goroot), CGO_ENABLED: "1", CC: cc }, encoding: "utf8" },
    );
    assert.equal(go.status, 0, go.stderr);
    assert.equal(sha256File(join(out, a.path)), sha256File(want));
  });
});
