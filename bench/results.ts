// Replaces one bench script's section of bench/RESULTS.md, leaving the others' sections alone.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const resultsPath = fileURLToPath(new URL("./RESULTS.md", import.meta.url));

/** writeSection replaces (or appends) the section between `<!-- bench/NAME: start -->` and its end marker. */
export function writeSection(name: string, body: string): void {
  const start = `<!-- bench/${name}: start -->`;
  const end = `<!-- bench/${name}: end -->`;
  const text = existsSync(resultsPath)
    ? readFileSync(resultsPath, "utf8")
    : "# Benchmark results\n";
  const block = `${start}\n${body.trimEnd()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const out =
    i >= 0 && j > i
      ? text.slice(0, i) + block + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(resultsPath, out);
}
