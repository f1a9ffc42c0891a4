// The errors of build constraint parsing and conversion. Go uses one SyntaxError type with
// an offset plus two sentinel errors; here each is a class so callers can use instanceof.

/** ConstraintError is the base class of every error thrown by src/constraint. */
export class ConstraintError extends Error {
  override name = "ConstraintError";
}

/**
 * ConstraintSyntaxError reports a syntax error in a //go:build expression (Go's
 * constraint.SyntaxError). `message` is Go's text exactly (for example "unexpected token )"
 * or "missing close paren"). Offsets are relative to the expression text after the
 * "//go:build" prefix and surrounding white space are removed, as in Go.
 */
export class ConstraintSyntaxError extends ConstraintError {
  override name = "ConstraintSyntaxError";
  /** offset is the UTF-8 byte offset in the expression where the error was detected (Go's Offset). */
  readonly offset: number;
  /** index is the same position as a UTF-16 index into the expression string. */
  readonly index: number;

  constructor(offset: number, index: number, message: string) {
    super(message);
    this.offset = offset;
    this.index = index;
  }
}

/** NotConstraintError is thrown by parse for a line that is neither //go:build nor // +build. */
export class NotConstraintError extends ConstraintError {
  override name = "NotConstraintError";
  constructor() {
    super("not a build constraint");
  }
}

/**
 * TooComplexError is thrown when a // +build line has more than 100 operators, and by
 * plusBuildLines when an expression has no direct // +build form.
 */
export class TooComplexError extends ConstraintError {
  override name = "TooComplexError";
  constructor() {
    super("expression too complex for // +build lines");
  }
}
