// The character classes go/build/constraint uses, with Go's definitions rather than
// JavaScript's: Go's unicode.IsSpace includes U+0085 but not U+FEFF (String.prototype.trim
// is the other way round), tags are runes that are letters, decimal digits, '_' or '.' by
// Go's Unicode tables (./tagrunes.ts), not by the JavaScript engine's \p{L}.

import { TAG_RUNES } from "./tagrunes.js";

/** isSpace reports whether the code point c is white space by Go's unicode.IsSpace. */
export function isSpace(c: number): boolean {
  if (c <= 0xff) {
    return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  }
  // The other code points of category Zs, Zl and Zp (White_Space minus the Latin-1 ones).
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * isTagRune reports whether the code point c may appear in a build tag: Go's
 * unicode.IsLetter (categories L*) or unicode.IsDigit (Nd), '_' or '.'. A lone surrogate
 * (invalid UTF-8 on Go's side) is not: no range covers U+D800-U+DFFF.
 */
export function isTagRune(c: number): boolean {
  if (c < 0x80) {
    return (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x5f ||
      c === 0x2e
    );
  }
  // Binary search for the last range starting at or before c.
  let lo = 0;
  let hi = TAG_RUNES.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (TAG_RUNES[2 * mid]! <= c) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && c <= TAG_RUNES[2 * lo - 1]!;
}

/** runeWidth returns the number of UTF-16 code units of the code point c. */
export function runeWidth(c: number): number {
  return c > 0xffff ? 2 : 1;
}

/** runeString returns c as a string, with a lone surrogate shown as U+FFFD like Go's string(rune). */
export function runeString(c: number): string {
  return c >= 0xd800 && c <= 0xdfff ? "\ufffd" : String.fromCodePoint(c);
}

/**
 * utf8Offset converts the UTF-16 index i into s to the byte offset of the same position in
 * s's UTF-8 encoding (a lone surrogate counts 3 bytes, as U+FFFD).
 */
export function utf8Offset(s: string, i: number): number {
  let n = 0;
  for (let j = 0; j < i && j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && j + 1 < s.length) {
      const d = s.charCodeAt(j + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        j++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** trimSpace removes leading and trailing white space as Go's strings.TrimSpace does. */
export function trimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j) {
    const c = s.codePointAt(i)!;
    if (!isSpace(c)) break;
    i += runeWidth(c);
  }
  while (j > i) {
    // White space is all in the BMP, so one code unit is one rune here.
    if (!isSpace(s.charCodeAt(j - 1))) break;
    j--;
  }
  return s.slice(i, j);
}

/** fields splits s around runs of white space as Go's strings.Fields does. */
export function fields(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    if (isSpace(c)) {
      if (start >= 0) out.push(s.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
    i += runeWidth(c);
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}
