// Reading what the loader needs from one Go source file: the header up to and including the
// import declarations (go/build's importReader), the package name, the imports with their
// positions and doc comments (for cgo's preamble), and the //go:embed patterns.
// The text is handled as latin1 so that string indices are byte offsets, like Go's positions.

/** FileImport is one import spec of a file. */
export interface FileImport {
  path: string;
  line: number;
  col: number; // byte column, 1-based
  doc?: string; // the spec's doc comment as ast.CommentGroup.Text (only kept for "C")
}

/** FileEmbed is one //go:embed pattern with its position. */
export interface FileEmbed {
  pattern: string;
  line: number;
  col: number;
}

/** GoFileInfo is what {@link readGoFile} learned about a file. */
export interface GoFileInfo {
  header: string; // latin1 text up to the end of the imports (the whole file after a syntax error)
  pkgName: string; // "" when the package clause could not be parsed
  imports: FileImport[];
  embeds: FileEmbed[];
  parseError?: { line: number; col: number; msg: string }; // a syntax error in the header
  readError?: string; // "unexpected NUL in input"
  reachedEnd: boolean; // the reader needed the text up to its end (so a prefix may not be enough)
}

const enum Err {
  None,
  Syntax,
  Nul,
}

import { scanEmbeds } from "./embedscan.js";
import { goUnquote } from "../goinfo/quote.js";

/** latin1 turns bytes into a string with one char per byte. */
export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");
}

/** utf8 decodes a latin1 (byte) string as UTF-8. */
export function utf8(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(s)) return s;
  return Buffer.from(s, "latin1").toString("utf8");
}

function isIdentByte(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c >= 0x80
  );
}

/** HeaderReader follows go/build's importReader byte for byte to find where the header ends. */
class HeaderReader {
  p = 0;
  peek = 0;
  err = Err.None;
  eof = false;
  constructor(readonly s: string) {}

  readByte(): number {
    if (this.p >= this.s.length) {
      this.eof = true;
      return 0;
    }
    const c = this.s.charCodeAt(this.p++);
    if (c === 0 && this.err === Err.None) this.err = Err.Nul;
    return this.err === Err.Nul ? 0 : c;
  }

  // ok and atEOF read state that readByte changes (so no narrowing applies across calls).
  ok(): boolean {
    return this.err === Err.None;
  }

  atEOF(): boolean {
    return this.eof;
  }

  syntaxError(): void {
    if (this.err === Err.None) this.err = Err.Syntax;
  }

  peekByte(skipSpace: boolean): number {
    if (this.err !== Err.None) return 0;
    let c = this.peek;
    if (c === 0) c = this.readByte();
    while (this.ok() && !this.atEOF()) {
      if (skipSpace) {
        if (c === 0x20 || c === 0x0c || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x3b) {
          c = this.readByte();
          continue;
        }
        if (c === 0x2f) {
          c = this.readByte();
          if (c === 0x2f) {
            while (c !== 0x0a && this.ok() && !this.atEOF()) c = this.readByte();
          } else if (c === 0x2a) {
            let c1 = 0;
            while ((c !== 0x2a || c1 !== 0x2f) && this.ok()) {
              if (this.atEOF()) this.syntaxError();
              c = c1;
              c1 = this.readByte();
            }
          } else {
            this.syntaxError();
          }
          c = this.readByte();
          continue;
        }
      }
      break;
    }
    this.peek = c;
    return c;
  }

  nextByte(skipSpace: boolean): number {
    const c = this.peekByte(skipSpace);
    this.peek = 0;
    return c;
  }

  readKeyword(kw: string): void {
    this.peekByte(true);
    for (let i = 0; i < kw.length; i++) {
      if (this.nextByte(false) !== kw.charCodeAt(i)) {
        this.syntaxError();
        return;
      }
    }
    if (isIdentByte(this.peekByte(false))) this.syntaxError();
  }

  readIdent(): void {
    const c = this.peekByte(true);
    if (!isIdentByte(c)) {
      this.syntaxError();
      return;
    }
    while (isIdentByte(this.peekByte(false))) this.peek = 0;
  }

  readString(): void {
    switch (this.nextByte(true)) {
      case 0x60:
        while (this.err === Err.None) {
          if (this.nextByte(false) === 0x60) break;
          if (this.eof) this.syntaxError();
        }
        break;
      case 0x22:
        while (this.err === Err.None) {
          const c = this.nextByte(false);
          if (c === 0x22) break;
          if (this.eof || c === 0x0a) this.syntaxError();
          if (c === 0x5c) this.nextByte(false);
        }
        break;
      default:
        this.syntaxError();
    }
  }

  readImport(): void {
    const c = this.peekByte(true);
    if (c === 0x2e) this.peek = 0;
    else if (isIdentByte(c)) this.readIdent();
    this.readString();
  }
}

/**
 * readComments returns the leading block of comments and blank space of a non-Go source file
 * (go/build's readComments), where build constraints may appear.
 */
export function readComments(text: string): string {
  return readCommentsInfo(text).header;
}

/** readCommentsInfo is readComments that also tells whether the whole text was needed. */
export function readCommentsInfo(text: string): { header: string; reachedEnd: boolean } {
  const r = new HeaderReader(stripBOM(text));
  r.peekByte(true);
  let end = r.p;
  if (r.err === Err.None && !r.eof) end--;
  return { header: r.s.slice(0, end), reachedEnd: r.eof || r.err !== Err.None };
}

function stripBOM(s: string): string {
  return s.startsWith("\xef\xbb\xbf") ? s.slice(3) : s;
}

/** readGoFile reads the header, imports and embeds of a Go file given as latin1 text. */
export function readGoFile(full: string): GoFileInfo {
  const text = stripBOM(full);
  const r = new HeaderReader(text);
  r.readKeyword("package");
  r.readIdent();
  while (r.peekByte(true) === 0x69) {
    r.readKeyword("import");
    if (r.peekByte(true) === 0x28) {
      r.nextByte(false);
      while (r.peekByte(true) !== 0x29 && r.err === Err.None) r.readImport();
      r.nextByte(false);
    } else {
      r.readImport();
    }
  }
  let end = r.p;
  if (r.err === Err.None && !r.eof) end--;
  if (r.err === Err.Nul) {
    return {
      header: text.slice(0, end),
      pkgName: "",
      imports: [],
      embeds: [],
      readError: "unexpected NUL in input",
      reachedEnd: true,
    };
  }
  const syntax = r.err === Err.Syntax;
  const header = syntax ? text : text.slice(0, end);
  const info: GoFileInfo = {
    header,
    pkgName: "",
    imports: [],
    embeds: [],
    reachedEnd: r.eof || syntax,
  };
  parseHeader(header, info);
  if (info.parseError) {
    info.imports = [];
    return info;
  }
  if (info.imports.some((i) => i.path === "embed")) {
    info.embeds = scanEmbeds(text);
    info.reachedEnd = true;
  }
  return info;
}

// ---- a small scanner and parser for the header (package clause and imports) ----

type TokKind = "ident" | "string" | "op" | "eof" | "bad";

interface Tok {
  kind: TokKind;
  text: string; // identifier, quoted literal or operator character
  off: number;
  line: number;
  col: number;
}

interface Comment {
  text: string;
  line: number;
  endLine: number;
}

class HeaderScanner {
  off = 0;
  line = 1;
  lineStart = 0;
  comments: Comment[] = []; // comments seen since the previous token
  constructor(readonly s: string) {}

  private pos(off: number): { line: number; col: number } {
    return { line: this.line, col: off - this.lineStart + 1 };
  }

  next(): Tok {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.off);
      if (this.off >= s.length)
        return { kind: "eof", text: "", off: this.off, ...this.pos(this.off) };
      if (c === 0x0a) {
        this.off++;
        this.line++;
        this.lineStart = this.off;
        continue;
      }
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.off++;
        continue;
      }
      if (c === 0x2f && s.charCodeAt(this.off + 1) === 0x2f) {
        let e = s.indexOf("\n", this.off);
        if (e < 0) e = s.length;
        this.comments.push({
          text: s.slice(this.off, e).replace(/\r/g, ""),
          line: this.line,
          endLine: this.line,
        });
        this.off = e;
        continue;
      }
      if (c === 0x2f && s.charCodeAt(this.off + 1) === 0x2a) {
        const e = s.indexOf("*/", this.off + 2);
        const stop = e < 0 ? s.length : e + 2;
        const body = s.slice(this.off, stop);
        const start = this.line;
        for (let i = this.off; i < stop; i++) {
          if (s.charCodeAt(i) === 0x0a) {
            this.line++;
            this.lineStart = i + 1;
          }
        }
        this.comments.push({ text: body.replace(/\r/g, ""), line: start, endLine: this.line });
        this.off = stop;
        if (e < 0)
          return { kind: "bad", text: "comment not terminated", off: stop, ...this.pos(stop) };
        continue;
      }
      const start = this.off;
      const p = this.pos(start);
      if (isIdentByte(c) && !(c >= 0x30 && c <= 0x39)) {
        while (this.off < s.length && isIdentByte(s.charCodeAt(this.off))) this.off++;
        return { kind: "ident", text: s.slice(start, this.off), off: start, ...p };
      }
      if (c === 0x22) {
        let i = start + 1;
        for (; i < s.length; i++) {
          const d = s.charCodeAt(i);
          if (d === 0x5c) i++;
          else if (d === 0x22 || d === 0x0a) break;
        }
        if (s.charCodeAt(i) !== 0x22) {
          this.off = i;
          return { kind: "bad", text: "string literal not terminated", off: start, ...p };
        }
        this.off = i + 1;
        return { kind: "string", text: s.slice(start, this.off), off: start, ...p };
      }
      if (c === 0x60) {
        const e = s.indexOf("`", start + 1);
        if (e < 0) {
          this.off = s.length;
          return { kind: "bad", text: "raw string literal not terminated", off: start, ...p };
        }
        for (let i = start; i < e; i++) {
          if (s.charCodeAt(i) === 0x0a) {
            this.line++;
            this.lineStart = i + 1;
          }
        }
        this.off = e + 1;
        return { kind: "string", text: s.slice(start, this.off), off: start, ...p };
      }
      this.off++;
      return { kind: "op", text: s[start] ?? "", off: start, ...p };
    }
  }
}

/**
 * leadComment returns the doc comment text of a token given the comments between it and the
 * previous token (go/parser's lead comment rule: the last comment group, if it ends on the
 * line just before the token).
 */
function leadComment(comments: Comment[], prevLine: number, tokLine: number): string | undefined {
  let i = 0;
  // A group starting on the previous token's line is a line comment, never a lead comment.
  if (comments.length > 0 && comments[0]!.line === prevLine) {
    let end = comments[0]!.endLine;
    i = 1;
    while (i < comments.length && comments[i]!.line <= end) end = comments[i++]!.endLine;
  }
  let group: Comment[] = [];
  let endLine = -1;
  while (i < comments.length) {
    group = [comments[i]!];
    endLine = comments[i]!.endLine;
    i++;
    while (i < comments.length && comments[i]!.line <= endLine + 1) {
      group.push(comments[i]!);
      endLine = comments[i]!.endLine;
      i++;
    }
  }
  if (group.length === 0 || endLine + 1 !== tokLine) return undefined;
  return commentText(group.map((c) => c.text));
}

/** commentText is go/ast's CommentGroup.Text over the raw comment texts of one group. */
export function commentText(list: readonly string[]): string {
  const lines: string[] = [];
  for (let c of list) {
    if (c[1] === "/") {
      c = c.slice(2);
      if (c.length > 0) {
        if (c[0] === " ") c = c.slice(1);
        else if (isDirective(c)) continue;
      }
    } else {
      c = c.slice(2, c.length - 2);
    }
    for (const l of c.split("\n")) lines.push(l.replace(/[ \t\n\v\f\r]+$/, ""));
  }
  const out: string[] = [];
  for (const l of lines)
    if (l !== "" || (out.length > 0 && out[out.length - 1] !== "")) out.push(l);
  if (out.length > 0 && out[out.length - 1] !== "") out.push("");
  return out.join("\n");
}

function isDirective(c: string): boolean {
  if (c.startsWith("line ")) return true;
  if (c.startsWith("extern ") || c.startsWith("export ")) return true;
  const colon = c.indexOf(":");
  if (colon <= 0 || colon + 1 >= c.length) return false;
  for (let i = 0; i <= colon + 1; i++) {
    if (i === colon) continue;
    const b = c.charCodeAt(i);
    if (!((b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39))) return false;
  }
  return true;
}

/** unquote decodes a Go string literal given as latin1 (byte) text, as strconv.Unquote does. */
export function unquote(lit: string): string | undefined {
  return goUnquote(utf8(lit));
}

/** isValidImport is go/build's check on import path characters. */
export function isValidImport(s: string): boolean {
  if (s === "") return false;
  const illegal = "!\"#$%&'()*,:;<=>?[\\]^{|}`\ufffd";
  for (const ch of s) {
    if (illegal.includes(ch) || /\s/u.test(ch) || !/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch))
      return false;
  }
  return true;
}

function describe(t: Tok): string {
  switch (t.kind) {
    case "eof":
      return "EOF";
    case "ident":
      return t.text === "import" || t.text === "package" || t.text === "var" || t.text === "func"
        ? t.text
        : "IDENT";
    case "string":
      return "literal " + t.text;
    default:
      return t.text === "\n" ? "newline" : `'${t.text}'`;
  }
}

function parseHeader(header: string, info: GoFileInfo): void {
  const sc = new HeaderScanner(header);
  let prevLine: number;
  const fail = (t: Tok, msg: string) => {
    info.parseError ??= { line: t.line, col: t.col, msg };
  };
  const next = (): Tok => {
    sc.comments = [];
    const t = sc.next();
    return t;
  };
  let t = next();
  if (t.kind !== "ident" || t.text !== "package") {
    fail(t, `expected 'package', found ${describe(t)}`);
    return;
  }
  t = next();
  if (t.kind !== "ident") {
    fail(t, `expected 'IDENT', found ${describe(t)}`);
    return;
  }
  if (t.text === "_") {
    fail(t, "invalid package name _");
    return;
  }
  info.pkgName = utf8(t.text);
  prevLine = t.line;
  t = next();
  for (;;) {
    while (t.kind === "op" && t.text === ";") {
      prevLine = t.line;
      t = next();
    }
    if (t.kind !== "ident" || t.text !== "import") break;
    const declDoc = leadComment(sc.comments, prevLine, t.line);
    prevLine = t.line;
    t = next();
    const specs: { tok: Tok; doc: string | undefined; first: Tok }[] = [];
    const readSpec = (doc: string | undefined): boolean => {
      const first = t;
      if ((t.kind === "op" && t.text === ".") || t.kind === "ident") {
        prevLine = t.line;
        t = next();
      }
      if (t.kind !== "string") {
        fail(t, `expected 'STRING', found ${describe(t)}`);
        return false;
      }
      specs.push({ tok: t, doc, first });
      prevLine = t.line;
      t = next();
      return true;
    };
    if (t.kind === "op" && t.text === "(") {
      prevLine = t.line;
      t = next();
      for (;;) {
        while (t.kind === "op" && t.text === ";") {
          prevLine = t.line;
          t = next();
        }
        if (t.kind === "op" && t.text === ")") break;
        if (t.kind === "eof") {
          fail(t, "expected ')', found EOF");
          return;
        }
        const doc = leadComment(sc.comments, prevLine, t.line);
        if (!readSpec(doc)) return;
      }
      prevLine = t.line;
      t = next();
      const many = specs.length !== 1;
      for (const s of specs)
        addImport(info, s.tok, s.first, s.doc ?? (many ? undefined : declDoc), fail);
    } else {
      if (!readSpec(undefined)) return;
      for (const s of specs) addImport(info, s.tok, s.first, declDoc, fail);
    }
    if (info.parseError) return;
  }
  if (t.kind === "bad") fail(t, t.text);
}

// The position of an import is that of its spec: the name when there is one, else the path.
function addImport(
  info: GoFileInfo,
  t: Tok,
  first: Tok,
  doc: string | undefined,
  fail: (t: Tok, m: string) => void,
): void {
  const path = unquote(t.text);
  if (path === undefined) {
    fail(t, "invalid import path: " + t.text);
    return;
  }
  if (!isValidImport(path)) {
    fail(t, "invalid import path: " + path);
    return;
  }
  const imp: FileImport = { path, line: first.line, col: first.col };
  if (path === "C" && doc !== undefined) imp.doc = utf8(doc);
  info.imports.push(imp);
}
