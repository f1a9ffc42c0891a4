// The lexer and recursive-descent parser of //go:build expressions, with go/build/constraint's
// precedence (! over && over ||), limits and error messages at the same offsets.

import { ConstraintSyntaxError } from "./errors.js";
import { and, not, or, tag } from "./expr.js";
import type { Expr } from "./expr.js";
import { isTagRune, runeString, runeWidth, utf8Offset } from "./unicode.js";

/**
 * MAX_SIZE bounds the number of operands (calls of the unary level) in one //go:build
 * expression, so that hostile input cannot exhaust the stack (Go 1.22.7+, CVE-2024-34158).
 */
export const MAX_SIZE = 1000;

const END_OF_EXPRESSION = "unexpected end of expression";

/**
 * parseGoBuildExpr parses the boolean expression of a //go:build line (the text after the
 * prefix, trimmed). It throws {@link ConstraintSyntaxError} with Go's message and offset.
 */
export function parseGoBuildExpr(text: string): Expr {
  const p = new ExprParser(text);
  const x = p.or();
  if (p.tok !== "") throw p.error(p.pos, `unexpected token ${p.tok}`);
  return x;
}

/** ExprParser holds the state of one parse. Its levels mirror Go's exprParser. */
class ExprParser {
  private i = 0; // next read position (UTF-16 index)
  tok = ""; // last token read, "" at the end of input
  private isTag = false; // whether tok is a tag
  pos = 0; // start of tok (UTF-16 index)
  private size = 0;

  constructor(private readonly s: string) {}

  error(index: number, message: string): ConstraintSyntaxError {
    return new ConstraintSyntaxError(utf8Offset(this.s, index), index, message);
  }

  private at(t: string): boolean {
    return this.tok === t;
  }

  // or parses a sequence of || expressions. On entry the next token has not been lexed; on
  // exit it has (the same contract holds for and and not).
  or(): Expr {
    let x = this.and();
    while (this.tok === "||") x = or(x, this.and());
    return x;
  }

  private and(): Expr {
    let x = this.not();
    while (this.tok === "&&") x = and(x, this.not());
    return x;
  }

  private not(): Expr {
    this.size++;
    if (this.size > MAX_SIZE) throw this.error(this.pos, "build expression too large");
    this.lex();
    if (this.tok === "!") {
      this.lex();
      if (this.at("!")) throw this.error(this.pos, "double negation not allowed");
      return not(this.atom());
    }
    return this.atom();
  }

  // atom parses a tag or a parenthesised expression; its first token has been lexed.
  private atom(): Expr {
    if (this.tok === "(") {
      const open = this.pos;
      let x: Expr;
      try {
        x = this.or();
      } catch (e) {
        // Running out of input inside parentheses is reported as the missing ')'.
        if (e instanceof ConstraintSyntaxError && e.message === END_OF_EXPRESSION) {
          throw new ConstraintSyntaxError(e.offset, e.index, "missing close paren");
        }
        throw e;
      }
      // this.or() moved tok on; read it through a call so the "(" narrowing above is dropped.
      if (!this.at(")")) throw this.error(open, "missing close paren");
      this.lex();
      return x;
    }
    if (!this.isTag) {
      if (this.tok === "") throw this.error(this.pos, END_OF_EXPRESSION);
      throw this.error(this.pos, `unexpected token ${this.tok}`);
    }
    const t = this.tok;
    this.lex();
    return tag(t);
  }

  // lex reads the next token into tok, isTag and pos. Only ' ' and '\t' separate tokens.
  private lex(): void {
    const s = this.s;
    this.isTag = false;
    while (this.i < s.length && (s[this.i] === " " || s[this.i] === "\t")) this.i++;
    if (this.i >= s.length) {
      this.tok = "";
      this.pos = this.i;
      return;
    }
    const c = s[this.i]!;
    switch (c) {
      case "(":
      case ")":
      case "!":
        this.pos = this.i++;
        this.tok = c;
        return;
      case "&":
      case "|":
        if (s[this.i + 1] !== c) throw this.error(this.i, `invalid syntax at ${c}`);
        this.pos = this.i;
        this.i += 2;
        this.tok = c + c;
        return;
    }
    let j = this.i;
    while (j < s.length) {
      const r = s.codePointAt(j)!;
      if (!isTagRune(r)) break;
      j += runeWidth(r);
    }
    if (j === this.i) {
      throw this.error(this.i, `invalid syntax at ${runeString(s.codePointAt(this.i)!)}`);
    }
    this.pos = this.i;
    this.tok = s.slice(this.i, j);
    this.i = j;
    this.isTag = true;
  }
}
