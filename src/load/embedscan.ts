// Finding //go:embed directives in a Go file and parsing their patterns (go/build's
// readGoInfo scan and go/ast's ParseDirective/ParseArgs). Text is latin1, one char per byte.

import { unquote, utf8, type FileEmbed } from "./gofile.js";

/**
 * scanEmbeds finds every //go:embed line comment in a Go file (skipping strings, runes and
 * block comments, as go/scanner would) and returns its patterns. Malformed directives are
 * skipped, as go/build does.
 */
export function scanEmbeds(s: string): FileEmbed[] {
  const out: FileEmbed[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === 0x2f && s.charCodeAt(i + 1) === 0x2f) {
      let e = s.indexOf("\n", i);
      if (e < 0) e = n;
      const text = s.slice(i, e).replace(/\r/g, "");
      if (text.startsWith("//go:embed")) parseEmbedDirective(text, line, i - lineStart + 1, out);
      i = e;
      continue;
    }
    if (c === 0x2f && s.charCodeAt(i + 1) === 0x2a) {
      const e = s.indexOf("*/", i + 2);
      const stop = e < 0 ? n : e + 2;
      for (let k = i; k < stop; k++) {
        if (s.charCodeAt(k) === 0x0a) {
          line++;
          lineStart = k + 1;
        }
      }
      i = stop;
      continue;
    }
    if (c === 0x22 || c === 0x27) {
      let k = i + 1;
      for (; k < n; k++) {
        const d = s.charCodeAt(k);
        if (d === 0x5c) k++;
        else if (d === c || d === 0x0a) break;
      }
      i = s.charCodeAt(k) === c ? k + 1 : k;
      continue;
    }
    if (c === 0x60) {
      const e = s.indexOf("`", i + 1);
      const stop = e < 0 ? n : e + 1;
      for (let k = i; k < stop; k++) {
        if (s.charCodeAt(k) === 0x0a) {
          line++;
          lineStart = k + 1;
        }
      }
      i = stop;
      continue;
    }
    i++;
  }
  return out;
}

const SPACE = /^[ \t\n\v\f\r\u0085\u00a0]/;

function parseEmbedDirective(text: string, line: number, col: number, out: FileEmbed[]): void {
  // go/ast.ParseDirective: "//go:embed" then the name runs to the first space.
  const rest = text.slice("//go:".length);
  const name = rest.split(/[ \t\n\v\f\r]/, 1)[0];
  if (name !== "embed") return;
  let s = rest.slice(name.length);
  let off = col + "//go:".length + name.length - 1; // byte offset of s within the line, 0-based
  const skipSpace = () => {
    const m = /^[ \t\n\v\f\r]*/.exec(s)![0];
    s = s.slice(m.length);
    off += m.length;
  };
  s = s.replace(/[ \t\n\v\f\r]+$/, "");
  const list: FileEmbed[] = [];
  skipSpace();
  while (s !== "") {
    const pos = off + 1;
    const q = s[0];
    if (q === '"' || q === "`") {
      const lit = quotedPrefix(s);
      if (lit === undefined) return;
      const v = unquote(lit);
      if (v === undefined) return;
      s = s.slice(lit.length);
      off += lit.length;
      if (s !== "" && !SPACE.test(s)) return;
      list.push({ pattern: v, line, col: pos });
    } else {
      const m = /^[^ \t\n\v\f\r]*/.exec(s)![0];
      list.push({ pattern: utf8(m), line, col: pos });
      s = s.slice(m.length);
      off += m.length;
    }
    skipSpace();
  }
  out.push(...list);
}

function quotedPrefix(s: string): string | undefined {
  if (s[0] === "`") {
    const e = s.indexOf("`", 1);
    return e < 0 ? undefined : s.slice(0, e + 1);
  }
  for (let i = 1; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') return s.slice(0, i + 1);
    else if (s[i] === "\n") return undefined;
  }
  return undefined;
}
