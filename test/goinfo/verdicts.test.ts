// Verdicts against what the real toolchain was asked to do: a reproducible build
// (-trimpath -buildvcs=false -ldflags="-s -w -buildid="), VCS stamps of a clean and a modified
// tree, sub-arch levels, cgo with the glibc versions readelf -V lists, and darwin/arm64 signing.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { bytesSource } from "../../src/binfmt/source.js";
import { withFileSource } from "../../src/cli/commands/inspect.js";
import { summarize } from "../../src/goinfo/summary.js";
import type { Summary } from "../../src/goinfo/summary.js";
import { verdicts } from "../../src/goinfo/verdicts.js";
import type { Verdict, VerdictID } from "../../src/goinfo/verdicts.js";
import { buildBinary, cacheRoot, goRun, writeProgram } from "../binfmt/gobuild.js";
import { hasTool } from "../binfmt/objects.js";

async function summary(path: string): Promise<Summary> {
  return withFileSource(path, summarize);
}

function verdict(s: Summary, id: VerdictID): Verdict | undefined {
  return verdicts(s).find((v) => v.id === id);
}

describe("verdicts", () => {
  it("a reproducible build passes the whole checklist; a default build fails it", async () => {
    const repro = await buildBinary({
      minor: 27,
      goos: "linux",
      goarch: "amd64",
      variant: {
        name: "repro",
        flags: ["-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid="],
      },
    });
    assert.equal(
      (await goRun(27, ["tool", "buildid", repro])).trim(),
      "",
      "go tool buildid of the reproducible build",
    );
    const s = await summary(repro);
    for (const id of ["trimpath", "buildvcs", "buildid", "stripped"] as const)
      assert.equal(verdict(s, id)?.ok, true, `${id}: ${verdict(s, id)?.message ?? "missing"}`);
    const plain = await summary(await buildBinary({ minor: 27, goos: "linux", goarch: "amd64" }));
    for (const id of ["trimpath", "buildid", "stripped"] as const)
      assert.equal(verdict(plain, id)?.ok, false, `${id} of a default build`);
  });

  it("sub-arch level from GOAMD64 (v3 asked for) and GOARM (netbsd/arm's default 7)", async () => {
    const v3 = await summary(
      await buildBinary({
        minor: 27,
        goos: "linux",
        goarch: "amd64",
        stripped: true,
        variant: { name: "v3", env: { GOAMD64: "v3" } },
      }),
    );
    assert.equal(verdict(v3, "subarch")?.value, "v3");
    const arm = await summary(
      await buildBinary({ minor: 27, goos: "netbsd", goarch: "arm", stripped: true }),
    );
    assert.equal(verdict(arm, "subarch")?.value, "7");
    assert.equal(verdict(arm, "cgo")?.value, "0");
  });

  it(
    `VCS stamp of a clean and a modified git tree${hasTool("git") ? "" : " (SKIPPED: no git)"}`,
    { skip: !hasTool("git") },
    async () => {
      const repo = join(cacheRoot, "vcs");
      if (!existsSync(join(repo, ".git"))) {
        const src = await writeProgram();
        await rm(repo, { recursive: true, force: true });
        await mkdir(repo, { recursive: true });
        await cp(join(src, "hello"), join(repo, "hello"), { recursive: true });
        await cp(join(src, "dep"), join(repo, "dep"), { recursive: true });
        const git = (...a: string[]) =>
          execFileSync(
            "git",
            [
              "-c",
              "user.name=t",
              "-c",
              "user.email=t@example.com",
              "-c",
              "commit.gpgsign=false",
              ...a,
            ],
            { cwd: repo, stdio: "ignore" },
          );
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "test");
      }
      const flags = ["-buildvcs=true"];
      const dir = join(repo, "hello");
      const clean = await summary(
        await buildBinary({
          minor: 27,
          goos: "linux",
          goarch: "amd64",
          stripped: true,
          variant: { name: "vcs-clean", flags, dir },
        }),
      );
      const rev = execFileSync("git", ["rev-parse", "HEAD"], {
        cwd: repo,
        encoding: "utf8",
      }).trim();
      assert.equal(verdict(clean, "buildvcs")?.ok, true, verdict(clean, "buildvcs")?.message);
      assert.equal(verdict(clean, "buildvcs")?.value, rev);
      await writeFile(join(dir, "untracked.txt"), "dirty\n");
      try {
        const dirty = await summary(
          await buildBinary({
            minor: 27,
            goos: "linux",
            goarch: "amd64",
            stripped: true,
            variant: { name: "vcs-dirty", flags, dir },
          }),
        );
        assert.equal(verdict(dirty, "buildvcs")?.ok, false, verdict(dirty, "buildvcs")?.message);
      } finally {
        await rm(join(dir, "untracked.txt"), { force: true });
      }
    },
  );

  it(
    `cgo binary: cgo on, minimum glibc equals the newest GLIBC_ version readelf -V lists${hasTool("gcc") && hasTool("readelf") ? "" : " (SKIPPED: no gcc or readelf)"}`,
    { skip: !(hasTool("gcc") && hasTool("readelf")) },
    async () => {
      const f = await buildBinary({ minor: 27, goos: "linux", goarch: "amd64", cgo: true });
      const s = await summary(f);
      assert.equal(verdict(s, "cgo")?.value, "1");
      const vers = [
        ...execFileSync("readelf", ["-VW", f], { encoding: "utf8" }).matchAll(
          /Name: GLIBC_([0-9.]+)/g,
        ),
      ].map((m) => m[1] as string);
      const newest = vers.sort((a, b) => {
        const pa = a.split(".").map(Number);
        const pb = b.split(".").map(Number);
        for (let i = 0; i < Math.max(pa.length, pb.length); i++)
          if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
        return 0;
      })[vers.length - 1];
      assert.ok(newest, "readelf -V lists GLIBC versions");
      assert.equal(verdict(s, "glibc")?.value, newest);
      assert.equal(
        s.info?.needed.some((n) => n.name === "libc.so.6"),
        true,
        "libc.so.6 is DT_NEEDED",
      );
    },
  );

  it("darwin/arm64: Go's ad-hoc signature is seen; without LC_CODE_SIGNATURE the verdict warns", async () => {
    const f = await buildBinary({ minor: 27, goos: "darwin", goarch: "arm64", stripped: true });
    const signed = await summary(f);
    assert.equal(verdict(signed, "codesign")?.ok, true);
    // Turn LC_CODE_SIGNATURE (0x1d) into an unknown load command, as an unsigned link would leave it.
    const b = new Uint8Array(await readFile(f));
    const dv = new DataView(b.buffer);
    let off = 32;
    for (let i = 0; i < dv.getUint32(16, true); i++) {
      if (dv.getUint32(off, true) === 0x1d) dv.setUint32(off, 0x7fff, true);
      off += dv.getUint32(off + 4, true);
    }
    const unsigned = await summarize(bytesSource(b));
    assert.equal(verdict(unsigned, "codesign")?.ok, false);
    assert.equal(
      verdict(
        await summary(
          await buildBinary({
            minor: 27,
            goos: "darwin",
            goarch: "amd64",
            stripped: true,
            variant: { name: "plain" },
          }),
        ),
        "codesign",
      ),
      undefined,
      "darwin/amd64 has no signing verdict",
    );
  });
});
