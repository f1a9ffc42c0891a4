// cmd/go/internal/str's rules for names: case folding and the check that keeps file names
// from reading as flags.

/**
 * toFold is str.ToFold: a string that equals another's exactly when strings.EqualFold says
 * the two are equal. Each code point maps to the smallest member of its case orbit (what
 * unicode.SimpleFold cycles through; here the code point, its lower and upper case and
 * theirs), then A-Z to a-z.
 */
export function toFold(s: string): string {
  if (!/[^\0-@[-\x7f]/.test(s)) return s; // ASCII without upper case
  let out = "";
  for (const ch of s) {
    let min = ch.codePointAt(0)!;
    for (const c of [
      ch.toLowerCase(),
      ch.toUpperCase(),
      ch.toLowerCase().toUpperCase(),
      ch.toUpperCase().toLowerCase(),
    ]) {
      const cp = c.codePointAt(0)!;
      if (String.fromCodePoint(cp) === c && cp < min) min = cp;
    }
    if (min >= 0x41 && min <= 0x5a) min += 0x20;
    out += String.fromCodePoint(min);
  }
  return out;
}

/** foldDup is str.FoldDup: the first pair of strings in list equal under case folding, ordered. */
export function foldDup(list: readonly string[]): [string, string] | undefined {
  const clash = new Map<string, string>();
  for (const s of list) {
    const fold = toFold(s);
    const t = clash.get(fold);
    if (t !== undefined && t !== "") return s > t ? [t, s] : [s, t];
    clash.set(fold, s);
  }
  return undefined;
}

/**
 * safeArg is load.SafeArg: a name that cannot be mistaken for a flag starts with an ASCII
 * letter or digit, '.', '_', '/' or a non-ASCII character.
 */
export function safeArg(name: string): boolean {
  return /^[0-9A-Za-z._/\u0080-\u{10ffff}]/u.test(name);
}
