import { goQuote, goUnquote, quotedPrefix } from "./quote.js";

/** Module is one module of a build, with the field names of Go's runtime/debug.Module. */
export interface Module {
  Path: string;
  Version: string;
  Sum: string;
  Replace?: Module; // the module that replaced this one, if any
}

/** BuildSetting is one key=value setting that influenced a build (runtime/debug.BuildSetting). */
export interface BuildSetting {
  Key: string;
  Value: string;
}

/** BuildInfo is Go's runtime/debug.BuildInfo: toolchain version, main package, modules and settings. */
export interface BuildInfo {
  GoVersion: string;
  Path: string;
  Main: Module;
  Deps: Module[];
  Settings: BuildSetting[];
}

/** ModInfoParseError is a malformed module info string, positioned by line as Go reports it. */
export class ModInfoParseError extends Error {
  override name = "ModInfoParseError";
  readonly line: number;

  constructor(line: number, msg: string) {
    super(`could not parse Go build info: line ${line}: ${msg}`);
    this.line = line;
  }
}

const quoteKey = (k: string): boolean => k.length === 0 || /[= \t\r\n"`]/.test(k);
const quoteValue = (v: string): boolean => /[ \t\r\n"`]/.test(v);
const emptyModule = (): Module => ({ Path: "", Version: "", Sum: "" });

/** parseModInfo parses the module info text the linker embeds (runtime/debug.ParseBuildInfo); GoVersion stays empty. */
export function parseModInfo(data: string): BuildInfo {
  const bi: BuildInfo = { GoVersion: "", Path: "", Main: emptyModule(), Deps: [], Settings: [] };
  let lineNum = 1;
  let last: Module | undefined;
  const readModule = (elem: string[]): Module => {
    if (elem.length !== 2 && elem.length !== 3)
      throw new ModInfoParseError(lineNum, `expected 2 or 3 columns; got ${elem.length}`);
    return { Path: elem[0] as string, Version: elem[1] as string, Sum: elem[2] ?? "" };
  };
  let rest = data;
  while (rest.length > 0) {
    const nl = rest.indexOf("\n");
    if (nl < 0) break;
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    if (line.startsWith("path\t")) {
      bi.Path = line.slice(5);
    } else if (line.startsWith("mod\t")) {
      bi.Main = readModule(line.slice(4).split("\t"));
      last = bi.Main;
    } else if (line.startsWith("dep\t")) {
      last = readModule(line.slice(4).split("\t"));
      bi.Deps.push(last);
    } else if (line.startsWith("=>\t")) {
      const elem = line.slice(3).split("\t");
      if (elem.length !== 3)
        throw new ModInfoParseError(
          lineNum,
          `expected 3 columns for replacement; got ${elem.length}`,
        );
      if (!last)
        throw new ModInfoParseError(lineNum, "replacement with no module on previous line");
      last.Replace = {
        Path: elem[0] as string,
        Version: elem[1] as string,
        Sum: elem[2] as string,
      };
      last = undefined;
    } else if (line.startsWith("build\t")) {
      bi.Settings.push(parseSetting(line.slice(6), lineNum));
    }
    lineNum++;
  }
  return bi;
}

function parseSetting(kv: string, lineNum: number): BuildSetting {
  if (kv.length < 1) throw new ModInfoParseError(lineNum, "build line missing '='");
  let key: string;
  let rawValue: string;
  const c = kv[0];
  if (c === "=") throw new ModInfoParseError(lineNum, "build line with missing key");
  if (c === "`" || c === '"') {
    const rawKey = quotedPrefix(kv);
    if (rawKey === undefined)
      throw new ModInfoParseError(lineNum, "invalid quoted key in build line");
    if (kv.length === rawKey.length)
      throw new ModInfoParseError(lineNum, "build line missing '=' after quoted key");
    const after = kv[rawKey.length] as string;
    if (after !== "=")
      throw new ModInfoParseError(
        lineNum,
        `unexpected character after quoted key: ${goQuote(after).replace(/^"(.*)"$/, "'$1'")}`,
      );
    key = goUnquote(rawKey) ?? "";
    rawValue = kv.slice(rawKey.length + 1);
  } else {
    const eq = kv.indexOf("=");
    if (eq < 0) throw new ModInfoParseError(lineNum, "build line missing '=' after key");
    key = kv.slice(0, eq);
    rawValue = kv.slice(eq + 1);
    if (quoteKey(key))
      throw new ModInfoParseError(lineNum, `unquoted key ${goQuote(key)} must be quoted`);
  }
  let value = "";
  if (rawValue.length > 0) {
    if (rawValue[0] === "`" || rawValue[0] === '"') {
      const v = goUnquote(rawValue);
      if (v === undefined)
        throw new ModInfoParseError(lineNum, "invalid quoted value in build line");
      value = v;
    } else {
      value = rawValue;
      if (quoteValue(value))
        throw new ModInfoParseError(lineNum, `unquoted value ${goQuote(value)} must be quoted`);
    }
  }
  return { Key: key, Value: value };
}

/** formatBuildInfo renders build info exactly as Go's (*BuildInfo).String does, trailing newline included. */
export function formatBuildInfo(bi: BuildInfo): string {
  let buf = "";
  if (bi.GoVersion !== "") buf += `go\t${bi.GoVersion}\n`;
  if (bi.Path !== "") buf += `path\t${bi.Path}\n`;
  const formatMod = (word: string, m: Module): void => {
    buf += `${word}\t${m.Path}\t${m.Version}`;
    if (m.Replace === undefined) buf += `\t${m.Sum}`;
    else {
      buf += "\n";
      formatMod("=>", m.Replace);
    }
    buf += "\n";
  };
  const main = bi.Main;
  if (main.Path !== "" || main.Version !== "" || main.Sum !== "" || main.Replace !== undefined)
    formatMod("mod", main);
  for (const d of bi.Deps) formatMod("dep", d);
  for (const s of bi.Settings) {
    const key = quoteKey(s.Key) ? goQuote(s.Key) : s.Key;
    const value = quoteValue(s.Value) ? goQuote(s.Value) : s.Value;
    buf += `build\t${key}=${value}\n`;
  }
  return buf;
}

/** moduleJSON renders a Module as Go's encoding/json does (every field omitempty). */
function moduleJSON(m: Module): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (m.Path) o.Path = m.Path;
  if (m.Version) o.Version = m.Version;
  if (m.Sum) o.Sum = m.Sum;
  if (m.Replace) o.Replace = moduleJSON(m.Replace);
  return o;
}

/** buildInfoJSON returns the value `go version -m -json` prints for bi (nil slices as null). */
export function buildInfoJSON(bi: BuildInfo): Record<string, unknown> {
  return {
    GoVersion: bi.GoVersion,
    Path: bi.Path,
    Main: moduleJSON(bi.Main),
    Deps: bi.Deps.length > 0 ? bi.Deps.map(moduleJSON) : null,
    Settings:
      bi.Settings.length > 0
        ? bi.Settings.map((s) => ({
            ...(s.Key ? { Key: s.Key } : {}),
            ...(s.Value ? { Value: s.Value } : {}),
          }))
        : null,
  };
}
