// Go's strconv.Quote and strconv.Unquote for the strings build info and build IDs carry.

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** isPrint reports whether Go's unicode.IsPrint holds for the code point (letters, marks, numbers, punctuation, symbols, ASCII space). */
export function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  return printable.test(String.fromCodePoint(cp));
}

const hex = (n: number, w: number): string => n.toString(16).padStart(w, "0");

/** goQuote returns a double-quoted Go string literal for s, as strconv.Quote does. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"' || ch === "\\") {
      out += "\\" + ch;
      continue;
    }
    if (cp === 0xfffd) {
      out += ch; // a decoded replacement character prints as itself
      continue;
    }
    if (isPrint(cp)) {
      out += ch;
      continue;
    }
    switch (ch) {
      case "\x07":
        out += "\\a";
        break;
      case "\b":
        out += "\\b";
        break;
      case "\f":
        out += "\\f";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      case "\v":
        out += "\\v";
        break;
      default:
        if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
        else if (cp < 0x10000) out += "\\u" + hex(cp, 4);
        else out += "\\U" + hex(cp, 8);
    }
  }
  return out + '"';
}

const simpleEscapes: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
};

/**
 * goUnquote interprets a Go string literal ("..." or `...`) as strconv.Unquote does, returning
 * undefined where Go returns an error. \x and octal escapes give bytes; they are decoded as
 * UTF-8 together with the rest of the literal.
 */
export function goUnquote(q: string): string | undefined {
  if (q.length < 2) return undefined;
  const quote = q[0];
  if (quote !== q[q.length - 1]) return undefined;
  const body = q.slice(1, -1);
  if (quote === "`") {
    if (body.includes("`")) return undefined;
    return body.replaceAll("\r", "");
  }
  if (quote !== '"') return undefined;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  const push = (s: string) => bytes.push(...enc.encode(s));
  for (let i = 0; i < body.length;) {
    const c = body[i] as string;
    if (c === '"' || c === "\n") return undefined;
    if (c !== "\\") {
      const cp = body.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      push(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    const simple = simpleEscapes[e];
    if (simple !== undefined) {
      push(simple);
      i += 2;
    } else if (e === '"') {
      push('"');
      i += 2;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const h = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) return undefined;
      const v = parseInt(h, 16);
      if (e === "x") bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
        push(String.fromCodePoint(v));
      }
      i += 2 + n;
    } else if (e >= "0" && e <= "7") {
      const o = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(o)) return undefined;
      const v = parseInt(o, 8);
      if (v > 255) return undefined;
      bytes.push(v);
      i += 4;
    } else return undefined;
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

/**
 * quotedPrefix returns the Go string literal at the start of s (strconv.QuotedPrefix), or
 * undefined when s does not start with a valid one.
 */
export function quotedPrefix(s: string): string | undefined {
  const q = s[0];
  if (q === "`") {
    const j = s.indexOf("`", 1);
    return j < 0 ? undefined : s.slice(0, j + 1);
  }
  if (q !== '"') return undefined;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "\n") return undefined;
    if (c === '"') {
      const lit = s.slice(0, i + 1);
      return goUnquote(lit) === undefined ? undefined : lit;
    }
  }
  return undefined;
}
