// The build constraints of one file: the //go:build line (or the // +build lines) of its
// leading comment block, parsed once and evaluated per target (go/build's shouldBuild).

import { evaluate, isPlusBuild, parse, type Expr } from "../constraint/index.js";
import { matchTag, type BuildContext } from "./context.js";
import { utf8 } from "./gofile.js";

/** FileConstraint is the parsed constraint of a file; evaluate it with {@link shouldBuild}. */
export interface FileConstraint {
  goBuild?: Expr; // the //go:build expression, when present
  plusBuild: Expr[]; // // +build lines, used only when there is no //go:build line
  error?: string; // go/build's message for a malformed or duplicated //go:build line
  binaryOnly: boolean; // //go:binary-only-package seen
}

/** MULTIPLE_GO_BUILD is the error of a header with two //go:build lines. */
export const MULTIPLE_GO_BUILD = "multiple //go:build comments";

function isGoBuildComment(line: string): boolean {
  if (!line.startsWith("//go:build")) return false;
  const rest = line.slice("//go:build".length);
  return rest.length === 0 || trimSpace(rest).length < rest.length;
}

/** trimSpace is Go's bytes.TrimSpace over latin1 text (UTF-8 U+0085 and U+00A0 included). */
function trimSpace(s: string): string {
  return s
    .replace(/^(?:[ \t\n\v\f\r]|\xc2[\x85\xa0])+/, "")
    .replace(/(?:[ \t\n\v\f\r]|\xc2[\x85\xa0])+$/, "");
}

/**
 * parseFileConstraint scans a file header (latin1 text: the leading comments, or a Go file's
 * header up to its imports) for build constraints, with go/build's parseFileHeader rules:
 * //go:build lines count anywhere before the first non-comment line, // +build lines only in
 * the comment block that ends with a blank line before the package clause.
 */
export function parseFileConstraint(content: string): FileConstraint {
  let end = 0;
  let ended = false;
  let inSlashStar = false;
  let goBuild: string | undefined;
  let binaryOnly = false;
  let multiple = false;
  let p = 0;
  const n = content.length;
  lines: while (p < n) {
    let e = content.indexOf("\n", p);
    const lineEnd = e < 0 ? n : e;
    e = e < 0 ? n : e + 1;
    let line = trimSpace(content.slice(p, lineEnd));
    p = e;
    if (line.length === 0 && !ended) {
      end = p;
      continue;
    }
    if (!line.startsWith("//")) ended = true;
    if (!inSlashStar && isGoBuildComment(line)) {
      if (goBuild !== undefined) {
        multiple = true;
        break;
      }
      goBuild = line;
    }
    if (!inSlashStar && line === "//go:binary-only-package") binaryOnly = true;
    while (line.length > 0) {
      if (inSlashStar) {
        const i = line.indexOf("*/");
        if (i >= 0) {
          inSlashStar = false;
          line = trimSpace(line.slice(i + 2));
          continue;
        }
        continue lines;
      }
      if (line.startsWith("//")) continue lines;
      if (line.startsWith("/*")) {
        inSlashStar = true;
        line = trimSpace(line.slice(2));
        continue;
      }
      break lines;
    }
  }
  if (multiple) return { plusBuild: [], error: MULTIPLE_GO_BUILD, binaryOnly: false };
  if (goBuild !== undefined) {
    try {
      return { goBuild: parse(utf8(goBuild)), plusBuild: [], binaryOnly };
    } catch (err) {
      return {
        plusBuild: [],
        error: `parsing //go:build line: ${(err as Error).message}`,
        binaryOnly,
      };
    }
  }
  const plusBuild: Expr[] = [];
  for (const raw of content.slice(0, end).split("\n")) {
    const line = trimSpace(raw);
    if (!line.startsWith("//") || !line.includes("+build")) continue;
    if (!isPlusBuild(line)) continue;
    try {
      plusBuild.push(parse(utf8(line)));
    } catch {
      // go/build ignores malformed // +build lines.
    }
  }
  return { plusBuild, binaryOnly };
}

/** shouldBuild evaluates a file's constraint in ctx. A constraint with an error never builds. */
export function shouldBuild(ctx: BuildContext, fc: FileConstraint, allTags?: Set<string>): boolean {
  const ok = (tag: string) => matchTag(ctx, tag, allTags);
  if (fc.goBuild) return evaluate(fc.goBuild, ok);
  let build = true;
  for (const x of fc.plusBuild) if (!evaluate(x, ok)) build = false;
  return build;
}
