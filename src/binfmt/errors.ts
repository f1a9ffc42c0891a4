/**
 * FormatError reports a file that breaks the rules of its format: a bad magic, an offset or
 * count that points outside the file, a truncated table. Readers throw nothing else on hostile
 * input.
 */
export class FormatError extends Error {
  override name = "FormatError";
  readonly offset: number; // file offset where the problem was found (-1 when none applies)

  constructor(msg: string, offset = -1) {
    super(offset >= 0 ? `${msg} at offset 0x${offset.toString(16)}` : msg);
    this.offset = offset;
  }
}

/** UnknownFormatError is thrown when no reader recognises the file's magic bytes. */
export class UnknownFormatError extends FormatError {
  override name = "UnknownFormatError";

  constructor() {
    super("unrecognized file format");
  }
}
