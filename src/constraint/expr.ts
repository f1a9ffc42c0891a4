// The expression tree of a build constraint, its evaluator and its //go:build printer
// (the semantics of go/build/constraint's Expr, TagExpr, NotExpr, AndExpr and OrExpr).

/** TagExpr is an {@link Expr} for the single tag `tag`. */
export interface TagExpr {
  readonly kind: "tag";
  readonly tag: string; // for example "linux" or "cgo"
}

/** NotExpr is the expression !x. */
export interface NotExpr {
  readonly kind: "not";
  readonly x: Expr;
}

/** AndExpr is the expression x && y. */
export interface AndExpr {
  readonly kind: "and";
  readonly x: Expr;
  readonly y: Expr;
}

/** OrExpr is the expression x || y. */
export interface OrExpr {
  readonly kind: "or";
  readonly x: Expr;
  readonly y: Expr;
}

/**
 * Expr is a build tag constraint expression. The union is closed: switch on `kind` and end
 * with {@link assertNever}. Values are plain objects, so they serialise with JSON.stringify.
 */
export type Expr = TagExpr | NotExpr | AndExpr | OrExpr;

/** tag returns the expression for the single tag t. It does not check that t is a valid tag. */
export function tag(t: string): TagExpr {
  return { kind: "tag", tag: t };
}

/** not returns !x. */
export function not(x: Expr): NotExpr {
  return { kind: "not", x };
}

/** and returns x && y. */
export function and(x: Expr, y: Expr): AndExpr {
  return { kind: "and", x, y };
}

/** or returns x || y. */
export function or(x: Expr, y: Expr): OrExpr {
  return { kind: "or", x, y };
}

/** assertNever is the default branch of an exhaustive switch over a closed union. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

/**
 * evaluate reports whether x is true when ok(tag) tells whether each tag is satisfied.
 * Like Go's Expr.Eval it evaluates both operands of && and || (no short circuit), so ok
 * observes every tag of the expression, left to right.
 */
export function evaluate(x: Expr, ok: (tag: string) => boolean): boolean {
  switch (x.kind) {
    case "tag":
      return ok(x.tag);
    case "not":
      return !evaluate(x.x, ok);
    case "and": {
      const l = evaluate(x.x, ok);
      const r = evaluate(x.y, ok);
      return l && r;
    }
    case "or": {
      const l = evaluate(x.x, ok);
      const r = evaluate(x.y, ok);
      return l || r;
    }
    default:
      return assertNever(x);
  }
}

/**
 * format returns the //go:build form of x (Go's Expr.String): operands of && that are ||
 * expressions and vice versa are parenthesised, as is the operand of ! when it is binary.
 * As in Go, !(!x) prints as "!!x", which parse rejects ("double negation not allowed").
 */
export function format(x: Expr): string {
  switch (x.kind) {
    case "tag":
      return x.tag;
    case "not": {
      const s = format(x.x);
      return x.x.kind === "and" || x.x.kind === "or" ? `!(${s})` : `!${s}`;
    }
    case "and":
      return `${operand(x.x, "or")} && ${operand(x.y, "or")}`;
    case "or":
      return `${operand(x.x, "and")} || ${operand(x.y, "and")}`;
    default:
      return assertNever(x);
  }
}

/** operand formats x as an operand, parenthesised when it is of the other binary kind. */
function operand(x: Expr, parenthesise: "and" | "or"): string {
  const s = format(x);
  return x.kind === parenthesise ? `(${s})` : s;
}
