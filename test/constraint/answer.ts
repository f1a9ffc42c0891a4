// crossgo's side of the differential test: the same answer the Go oracle computes, from
// src/constraint.

import {
  ConstraintError,
  ConstraintSyntaxError,
  evaluate,
  format,
  goVersion,
  isGoBuild,
  isPlusBuild,
  parse,
  plusBuildLines,
} from "../../src/constraint/index.js";
import type { Expr } from "../../src/constraint/index.js";
import type { OracleAnswer, OracleRequest } from "./oracle.js";

/** answerFor computes an {@link OracleAnswer} with crossgo's implementation. */
export function answerFor(req: OracleRequest): OracleAnswer {
  const a: OracleAnswer = {
    isGo: isGoBuild(req.line),
    isPlus: isPlusBuild(req.line),
    err: null,
    syntax: false,
    offset: 0,
    string: "",
    eval: false,
    calls: null,
    plus: null,
    plusErr: null,
    goVersion: "",
  };
  let x: Expr;
  try {
    x = req.expr ?? parse(req.line);
  } catch (e) {
    a.err = describe(e);
    if (e instanceof ConstraintSyntaxError) {
      a.syntax = true;
      a.offset = e.offset;
    }
    return a;
  }
  a.string = format(x);
  const set = new Set(req.true);
  const calls: string[] = [];
  a.eval = evaluate(x, (t) => {
    calls.push(t);
    return set.has(t);
  });
  a.calls = calls;
  try {
    a.plus = plusBuildLines(x);
  } catch (e) {
    a.plusErr = describe(e);
  }
  a.goVersion = goVersion(x);
  return a;
}

// describe keeps a crash distinguishable from one of Go's messages.
function describe(e: unknown): string {
  if (e instanceof ConstraintError) return e.message;
  return `unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
}

/** sameAnswer compares two answers field by field (both come from the same JSON shape). */
export function sameAnswer(a: OracleAnswer, b: OracleAnswer): boolean {
  return canonical(a) === canonical(b);
}

/** canonical serialises an answer with a fixed key order. */
export function canonical(a: OracleAnswer): string {
  return JSON.stringify([
    a.isGo,
    a.isPlus,
    a.err,
    a.syntax,
    a.offset,
    a.string,
    a.eval,
    a.calls,
    a.plus,
    a.plusErr,
    a.goVersion,
  ]);
}
