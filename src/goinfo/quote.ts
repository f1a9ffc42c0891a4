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
  for (const ch of s) out += quoteRune(ch.codePointAt(0) as number, ch);
  return out + '"';
}

/**
 * goQuoteBytes is strconv.Quote of a Go string holding arbitrary bytes (fmt's %q): valid
 * UTF-8 is quoted as goQuote quotes it, every byte that is not part of it becomes \xNN.
 */
export function goQuoteBytes(b: Uint8Array): string {
  let out = '"';
  for (let i = 0; i < b.length;) {
    const [cp, n] = decodeRune(b, i);
    out += cp < 0 ? "\\x" + hex(b[i] as number, 2) : quoteRune(cp, String.fromCodePoint(cp));
    i += n;
  }
  return out + '"';
}

// decodeRune is utf8.DecodeRune: the code point at b[i] and its length, or -1 and 1 when the
// bytes there are not valid UTF-8 (overlong forms and surrogates included).
function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i] as number;
  if (c0 < 0x80) return [c0, 1];
  const cont = (k: number) => {
    const c = b[i + k];
    return c !== undefined && (c & 0xc0) === 0x80 ? c & 0x3f : -1;
  };
  const n = c0 >= 0xf5 ? 0 : c0 >= 0xf0 ? 4 : c0 >= 0xe0 ? 3 : c0 >= 0xc2 ? 2 : 0;
  if (n === 0) return [-1, 1];
  let cp = c0 & (0x7f >> n);
  for (let k = 1; k < n; k++) {
    const c = cont(k);
    if (c < 0) return [-1, 1];
    cp = (cp << 6) | c;
  }
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return [-1, 1];
  return [cp, n];
}

function quoteRune(cp: number, ch: string): string {
  if (ch === '"' || ch === "\\") return "\\" + ch;
  if (cp === 0xfffd) return ch; // a decoded replacement character prints as itself
  if (isPrint(cp)) return ch;
  switch (ch) {
    case "\x07":
      return "\\a";
    case "\b":
      return "\\b";
    case "\f":
      return "\\f";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    case "\v":
      return "\\v";
    default:
      if (cp < 0x20 || cp === 0x7f) return "\\x" + hex(cp, 2);
      if (cp < 0x10000) return "\\u" + hex(cp, 4);
      return "\\U" + hex(cp, 8);
  }
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
