// crossgo inspect as a user runs it: --json against go version -m -json, directory walks that
// skip non-Go files, named non-Go and missing files (reported, exit 1, as go version -m does),
// --relocs, and flag misuse.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { buildBinary, cacheRoot, goroot, mapLimit } from "../binfmt/gobuild.js";
import { clangObject, hasTool } from "../binfmt/objects.js";
import { crossgo } from "./cli.js";

const go27 = goroot(27);

function goVersion(args: string[]): { stdout: string; stderr: string; code: number } {
  const r = spawnSync(`${go27 ?? ""}/bin/go`, ["version", ...args], {
    env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "" },
    encoding: "utf8",
    cwd: cacheRoot,
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

/** splitJSON splits go version -m -json output (one indented object per file) into values. */
function splitJSON(out: string): unknown[] {
  return out.trim() === ""
    ? []
    : out
        .trim()
        .split(/\n(?=\{)/)
        .map((s) => JSON.parse(s) as unknown);
}

const dir = join(cacheRoot, "inspect-dir");

describe(`crossgo inspect${go27 ? "" : " (SKIPPED: Go 1.27 missing)"}`, { skip: !go27 }, () => {
  before(async () => {
    await mkdir(join(dir, "sub"), { recursive: true });
    const specs = [
      { minor: 27, goos: "linux", goarch: "arm64", stripped: true },
      { minor: 27, goos: "windows", goarch: "amd64", stripped: true },
      { minor: 27, goos: "darwin", goarch: "arm64", stripped: true },
      { minor: 27, goos: "js", goarch: "wasm", stripped: true },
    ];
    const paths = await mapLimit(specs, 2, buildBinary);
    for (const [i, p] of paths.entries()) {
      const target = join(
        dir,
        i % 2 === 0 ? "sub" : ".",
        `bin${i}${p.endsWith(".exe") ? ".exe" : ""}`,
      );
      spawnSync("cp", ["-f", p, target]);
    }
    await writeFile(join(dir, "notes.txt"), "not a binary\n");
    await writeFile(join(dir, "script.sh"), "#!/bin/sh\necho hi\n");
    await chmod(join(dir, "script.sh"), 0o755);
  });

  it("--json carries File, Format, GOOS, GOARCH, BuildID, GoVersion and BuildInfo equal to go version -m -json", async () => {
    const r = await crossgo(["inspect", "--json", dir]);
    assert.equal(r.code, 0, r.stderr);
    const arr = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(
      arr.length,
      4,
      `the four binaries, not the text files: ${arr.map((o) => String(o.File)).join(", ")}`,
    );
    for (const o of arr)
      for (const k of ["File", "Format", "GOOS", "GOARCH", "BuildID", "GoVersion", "BuildInfo"])
        assert.ok(k in o, `${String(o.File)} lacks ${k}`);
    const want = splitJSON(goVersion(["-m", "-json", dir]).stdout);
    const have = arr.filter((o) => o.Format !== "wasm").map((o) => o.BuildInfo);
    assert.deepEqual(have, want);
    assert.deepEqual(
      arr.map((o) => `${String(o.Format)} ${String(o.GOOS)}/${String(o.GOARCH)}`),
      ["pe windows/amd64", "wasm js/wasm", "elf linux/arm64", "macho darwin/arm64"],
    );
  });

  it("--go-version-m over the directory equals go version -m", async () => {
    const want = goVersion(["-m", dir]);
    const have = await crossgo(["inspect", "--go-version-m", dir]);
    assert.deepEqual({ stdout: have.stdout, stderr: have.stderr, code: have.code }, want);
  });

  it("named non-Go and missing files: reported like go version -m, exit 1", async () => {
    for (const f of [
      join(dir, "notes.txt"),
      join(dir, "script.sh"),
      join(dir, "bin1.wasm-missing"),
    ]) {
      const want = goVersion(["-m", f]);
      const have = await crossgo(["inspect", "--go-version-m", f]);
      assert.deepEqual({ stdout: have.stdout, stderr: have.stderr, code: have.code }, want, f);
      const plain = await crossgo(["inspect", f]);
      assert.equal(plain.code, 1, `inspect ${f} exits 1`);
      assert.match(plain.stdout + plain.stderr, /unrecognized file format|no such file/);
    }
  });

  it("a js/wasm Go program says why it has no Go version; a GNU build ID is hex, as readelf prints it (issue 14 item 15)", async () => {
    const wasm = await crossgo(["inspect", join(dir, "bin3")]);
    assert.equal(wasm.code, 0, wasm.stderr);
    assert.match(
      wasm.stdout,
      /^\tgo version {2}\(no build info: Go's linker writes none into wasm/m,
    );
    assert.match(wasm.stdout, /^\tbuild id {4}[\w-]+\/[\w-]+\/[\w-]+\/[\w-]+$/m);
    const elf = "/bin/ls";
    const notes = spawnSync("readelf", ["-n", elf], { encoding: "utf8" }).stdout;
    const gnu = /Build ID: ([0-9a-f]+)/.exec(notes)?.[1];
    assert.ok(gnu, `readelf -n ${elf} shows a GNU build ID`);
    const r = await crossgo(["inspect", elf]);
    assert.match(r.stdout, new RegExp(`^\\tbuild id {4}${gnu} \\(GNU build ID, in hex\\)$`, "m"));
    const printable = r.stdout.split("\n").every((l) => /^[\t -~]*$/.test(l));
    assert.ok(printable, "no raw bytes on the terminal");
  });

  it(
    `--relocs lists an object's relocations${hasTool("clang") ? "" : " (SKIPPED: no clang)"}`,
    { skip: !hasTool("clang") },
    async () => {
      const o = await clangObject("aarch64-linux-gnu", "-fPIC");
      const r = await crossgo(["inspect", "--json", "--relocs", o]);
      assert.equal(r.code, 0, r.stderr);
      const [obj] = JSON.parse(r.stdout) as { Kind: string; Relocations: { Type: string }[] }[];
      assert.equal(obj?.Kind, "object");
      const count = spawnSync("readelf", ["-rW", o], { encoding: "utf8" }).stdout.match(
        /^[0-9a-f]{16}\s/gm,
      )?.length;
      assert.equal(obj.Relocations.length, count);
      assert.ok(obj.Relocations.some((x) => x.Type === "R_AARCH64_CALL26"));
      const text = await crossgo(["inspect", "--relocs", o]);
      assert.match(text.stdout, /R_AARCH64_CALL26\text_fn/);
    },
  );

  const lipo = ["llvm-lipo", "llvm-lipo-14"].find(hasTool);
  it(
    `a universal darwin binary (llvm-lipo): every slice listed, go version -m parity${lipo ? "" : " (SKIPPED: no llvm-lipo)"}`,
    { skip: !lipo },
    async () => {
      const [amd, arm] = await mapLimit(
        [
          { goos: "darwin", goarch: "amd64" },
          { goos: "darwin", goarch: "arm64" },
        ],
        2,
        (t) => buildBinary({ minor: 27, ...t, stripped: true }),
      );
      const fat = join(cacheRoot, "universal", "hello");
      await mkdir(join(fat, ".."), { recursive: true });
      spawnSync(lipo as string, ["-create", amd as string, arm as string, "-output", fat]);
      const r = await crossgo(["inspect", "--json", fat]);
      const [o] = JSON.parse(r.stdout) as {
        Format: string;
        Slices: { GOARCH: string }[];
        BuildID: string;
      }[];
      assert.equal(o?.Format, "macho");
      assert.deepEqual(o.Slices.map((x) => x.GOARCH).sort(), ["amd64", "arm64"]);
      const want = goVersion(["-m", fat]);
      const have = await crossgo(["inspect", "--go-version-m", fat]);
      assert.deepEqual({ stdout: have.stdout, stderr: have.stderr, code: have.code }, want);
      const id = spawnSync(`${go27 ?? ""}/bin/go`, ["tool", "buildid", fat], {
        env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "" },
        encoding: "utf8",
      });
      assert.equal(o.BuildID, id.stdout.trim());
    },
  );

  it("--json with --go-version-m is a usage error (exit 2)", async () => {
    const r = await crossgo(["inspect", "--json", "--go-version-m", dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot be combined/);
  });
});
