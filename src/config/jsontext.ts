/**
 * JSONTextError is a syntax error or a duplicate object key in JSON text; line and column
 * (1-based, in characters) say where.
 */
export class JSONTextError extends Error {
  override name = "JSONTextError";
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

// eslint-disable-next-line no-control-regex -- JSON strings exclude U+0000 to U+001F (RFC 8259, section 7)
const stringRE = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const numberRE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const literalRE = /true|false|null/y;

/**
 * checkJSONText scans text as JSON (RFC 8259) and throws a JSONTextError at the first syntax
 * error or duplicate key in an object, which JSON.parse accepts silently (the last one wins);
 * JSON.parse then reads the values.
 */
export function checkJSONText(text: string): void {
  let i = 0;
  const fail = (msg: string, at = i): never => {
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    throw new JSONTextError(line, at - before.lastIndexOf("\n"), msg);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  };
  const want = (what: string): never =>
    fail(
      i >= text.length
        ? `unexpected end of file, want ${what}`
        : `unexpected ${JSON.stringify(text.charAt(i))}, want ${what}`,
    );
  const token = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) return undefined;
    i += m[0].length;
    return m[0];
  };
  const badString = (): never =>
    fail("invalid string: unterminated, or a control character or bad escape in it");
  // items reads the items of an object or array after its opening bracket, up to close.
  const items = (close: string, item: () => void): void => {
    i++;
    ws();
    if (text.charAt(i) === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text.charAt(i) === ",") i++;
      else if (text.charAt(i) === close) {
        i++;
        return;
      } else return want(`"," or "${close}"`);
    }
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === "{") {
      const keys = new Set<string>();
      items("}", () => {
        ws();
        const at = i;
        const k = token(stringRE);
        if (k === undefined) return text.charAt(i) === '"' ? badString() : want("a string key");
        const key = JSON.parse(k) as string;
        if (keys.has(key)) fail(`duplicate key ${k}`, at);
        keys.add(key);
        ws();
        if (text.charAt(i) !== ":") return want('":"');
        i++;
        value();
      });
    } else if (c === "[") items("]", value);
    else if (
      token(stringRE) === undefined &&
      token(numberRE) === undefined &&
      token(literalRE) === undefined
    )
      return c === '"' ? badString() : want("a value");
  };
  value();
  ws();
  if (i < text.length) fail(`unexpected ${JSON.stringify(text.charAt(i))} after the JSON value`);
}
