/**
 * embedMap reconstructs the pattern -> files map the compiler's -embedcfg wants from a
 * package's //go:embed patterns and the final file list the loader resolved (EmbedFiles).
 * A file belongs to a pattern when the glob names it, or names a directory above it and no
 * element below that directory starts with "." or "_" (unless the pattern has "all:"), as in
 * cmd/go/internal/load's resolveEmbed.
 */
export function embedMap(
  patterns: readonly string[],
  files: readonly string[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pattern of patterns) {
    const all = pattern.startsWith("all:");
    const glob = (all ? pattern.slice(4) : pattern).split("/");
    const matched: string[] = [];
    for (const f of files) {
      const elems = f.split("/");
      if (elems.length < glob.length) continue;
      if (!glob.every((g, i) => globMatch(g, elems[i] ?? ""))) continue;
      const below = elems.slice(glob.length);
      if (!all && below.some((e) => e.startsWith(".") || e.startsWith("_"))) continue;
      matched.push(f);
    }
    out[pattern] = matched.sort();
  }
  return out;
}

/**
 * globMatch matches one path element against one element of a Go path.Match pattern:
 * `*`, `?`, `[...]` classes with ranges and `^` negation, and `\` escapes.
 */
export function globMatch(pattern: string, name: string): boolean {
  // Go's path.Match works on runes (code points), as this spread does.
  // eslint-disable-next-line @typescript-eslint/no-misused-spread
  const p = [...pattern];
  // eslint-disable-next-line @typescript-eslint/no-misused-spread
  const s = [...name];
  const match = (pi: number, si: number): boolean => {
    while (pi < p.length) {
      const c = p[pi];
      if (c === "*") {
        for (let k = si; k <= s.length; k++) if (match(pi + 1, k)) return true;
        return false;
      }
      if (si >= s.length) return false;
      if (c === "?") {
        pi++;
        si++;
        continue;
      }
      if (c === "[") {
        const r = matchClass(p, pi, s[si] ?? "");
        if (r === undefined || !r.ok) return false;
        pi = r.next;
        si++;
        continue;
      }
      let lit = c;
      if (c === "\\") {
        pi++;
        lit = p[pi];
      }
      if (lit !== s[si]) return false;
      pi++;
      si++;
    }
    return si === s.length;
  };
  return match(0, 0);
}

function matchClass(
  p: string[],
  start: number,
  ch: string,
): { ok: boolean; next: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (p[i] === "^") {
    negate = true;
    i++;
  }
  let ok = false;
  let first = true;
  while (i < p.length && (p[i] !== "]" || first)) {
    first = false;
    let lo = p[i] ?? "";
    if (lo === "\\") lo = p[++i] ?? "";
    i++;
    let hi = lo;
    if (p[i] === "-" && p[i + 1] !== "]") {
      hi = p[i + 1] ?? "";
      if (hi === "\\") {
        hi = p[i + 2] ?? "";
        i++;
      }
      i += 2;
    }
    if (lo <= ch && ch <= hi) ok = true;
  }
  if (p[i] !== "]") return undefined;
  return { ok: ok !== negate, next: i + 1 };
}
