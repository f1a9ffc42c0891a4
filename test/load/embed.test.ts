// //go:embed patterns against the real go list: file names of every character go/build
// accepts (and some it rejects), as literal patterns and as globs, compared on EmbedPatterns,
// EmbedFiles and Error. Regression: a name with "-" crashed the loader (issue 15).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { requireGo } from "../support/toolchains.js";
import { crossgoList, diffLists, goList } from "./golist.js";

const root = mkdtempSync(join(tmpdir(), "crossgo-embed-"));
const FIELDS = ["EmbedPatterns", "EmbedFiles", "Error", "Incomplete"];

// Every ASCII character module.CheckFilePath allows, letters beyond ASCII, and some it rejects
// (';', '\'', '<', '|', a control character, non-letters beyond ASCII).
const ALLOWED =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()+,-.=@[]^_{}~ ";
const LETTERS = "éßΩжक中𝐀"; // beyond ASCII, only letters are accepted
const REJECTED = ";'<>|:\x01€\u00a0";
const nameOf = (chars: fc.Arbitrary<string>) =>
  fc
    .array(chars, { minLength: 1, maxLength: 12 })
    .map((cs) => cs.join(""))
    .filter((n) => !/^\.*$/.test(n) && n.trim() === n);
const fileName = nameOf(
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...Array.from(ALLOWED)) },
    { weight: 1, arbitrary: fc.constantFrom(...Array.from(LETTERS)) },
  ),
);
// A rejected name: accepted characters around one that is not.
const badName = fc
  .tuple(fileName, fc.constantFrom(...Array.from(REJECTED)), fileName)
  .map(([a, c, b]) => a + c + b);
// A run's names: accepted ones, and in one run of four a rejected one too.
const names = fc
  .tuple(
    fc.uniqueArray(fileName, { minLength: 1, maxLength: 8 }),
    fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: badName }),
  )
  .map(([ok, bad]) => (bad === null || ok.includes(bad) ? ok : [...ok, bad]));

// escapeGlob makes a name a path.Match pattern that matches exactly it.
const escapeGlob = (name: string) => name.replace(/[*?[\\]/g, (c) => "\\" + c);

/** globOf turns a name into a pattern that still matches it: "?" for a char, "*" for a run, a class. */
function globOf(name: string, how: number): string {
  const cs = Array.from(name);
  const i = how % cs.length;
  const c = cs[i] ?? "";
  if (c === "-" || c === "]" || c === "\\" || c === "[" || c === "^") return escapeGlob(name);
  const before = escapeGlob(cs.slice(0, i).join(""));
  const after = escapeGlob(cs.slice(i + 1).join(""));
  switch (how % 3) {
    case 0:
      return before + "?" + after;
    case 1:
      return before + "*";
    default:
      return `${before}[${c}-${c}]${after}`;
  }
}

// embedLine quotes a pattern for a //go:embed line: Go's "..." syntax, every byte escaped
// that a Go string literal needs escaped.
const goString = (s: string) =>
  '"' +
  Array.from(s)
    .map((ch) =>
      ch === '"' || ch === "\\"
        ? "\\" + ch
        : ch.charCodeAt(0) < 0x20
          ? "\\x" + ch.charCodeAt(0).toString(16).padStart(2, "0")
          : ch,
    )
    .join("") +
  '"';

let n = 0;
const seen = { errors: 0, files: 0 };
async function compareEmbeds(names: string[], globs: number[]): Promise<void> {
  const dir = join(root, `m${String(n++)}`);
  mkdirSync(join(dir, "sub"), { recursive: true });
  writeFileSync(join(dir, "go.mod"), "module example.com/emb\n\ngo 1.22\n");
  const patterns: string[] = [];
  names.forEach((name, i) => {
    writeFileSync(join(dir, "sub", name), "x");
    const g = globs[i] ?? 0;
    patterns.push("sub/" + (g < 0 ? escapeGlob(name) : globOf(name, g)));
  });
  const lines = patterns.map(
    (p) => `//go:embed ${goString(p)}\nvar v${String(patterns.indexOf(p))} string\n`,
  );
  writeFileSync(
    join(dir, "e.go"),
    `package emb\n\nimport _ "embed"\n\n${[...new Set(lines)].join("\n")}`,
  );
  // go reads settled files through its module index; old times make both tools agree.
  const old = new Date("2024-01-01T00:00:00Z");
  for (const name of names) utimesSync(join(dir, "sub", name), old, old);
  const goroot = requireGo(27);
  const want = await goList(goroot, "linux", "amd64", ["."], dir, {}, false);
  const have = await crossgoList(["."], {
    target: { goos: "linux", goarch: "amd64" },
    goroot,
    dir,
    deps: false,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", GOFLAGS: "" },
  });
  assert.deepEqual(diffLists(have, want, FIELDS), [], `names ${JSON.stringify(names)}`);
  if (want[0]?.Error) seen.errors++;
  else seen.files += (want[0]?.EmbedFiles as string[] | undefined)?.length ?? 0;
  rmSync(dir, { recursive: true, force: true });
}

describe("//go:embed names and patterns (go list -json EmbedFiles)", () => {
  test("embed of a name with '-' (key-bindings.bash) resolves, in list and load", async () => {
    await compareEmbeds(["key-bindings.bash", "a-b-c"], [-1, 1]);
  });
  test(
    "names of every accepted character, literal and as globs",
    { timeout: 600_000 },
    async () => {
      // Every accepted ASCII character once, in a name of its own.
      await compareEmbeds(
        Array.from(ALLOWED)
          .filter((c) => c !== "." && c !== " ")
          .map((c) => `f${c}g`),
        Array.from(ALLOWED).map(() => -1),
      );
      await fc.assert(
        fc.asyncProperty(
          names,
          fc.array(fc.integer({ min: -1, max: 30 }), { minLength: 9, maxLength: 9 }),
          compareEmbeds,
        ),
        { seed: 15, numRuns: 100 },
      );
      // The generator reaches both outcomes: files go embeds and names it rejects.
      assert.ok(seen.errors >= 10 && seen.files >= 150, JSON.stringify(seen));
    },
  );
});
