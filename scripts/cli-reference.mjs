#!/usr/bin/env node
// Prints the CLI reference (every command's --help) as Markdown, from the built CLI (dist/).
// With --write, replaces the block between the cli-reference markers in README.md.
// test/cli/readme.test.ts fails when README.md's block drifts from this output.
import { readFileSync, writeFileSync } from "node:fs";
import { program } from "../dist/cli/main.js";

/** reference renders every command's help, depth first, in registration order. */
export function reference() {
  const out = [];
  const walk = (cmd, path) => {
    cmd.configureHelp({ helpWidth: 100 });
    const name = path.join(" ");
    out.push(`### \`${name}\`\n\n\`\`\`\n${cmd.helpInformation().trimEnd()}\n\`\`\`\n`);
    for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program(), ["crossgo"]);
  return out.join("\n");
}

const start = "<!-- cli-reference:start -->";
const end = "<!-- cli-reference:end -->";

/** spliceReadme returns README text with the reference block replaced. */
export function spliceReadme(text, ref) {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error("README.md has no cli-reference markers");
  return text.slice(0, a + start.length) + "\n" + ref + end + text.slice(b + end.length);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ref = reference();
  if (process.argv.includes("--write")) {
    writeFileSync("README.md", spliceReadme(readFileSync("README.md", "utf8"), ref));
  } else {
    process.stdout.write(ref);
  }
}
