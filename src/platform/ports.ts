import { currentMinor, knownMinors, portRows, type PortRow } from "./ports-data.js";
import type { ErrorKind } from "../errors.js";

/**
 * Port is one entry of `go tool dist list -json`, with its field names and order. Broken is
 * present only when true, as dist prints it (`json:",omitempty"`).
 */
export interface Port {
  GOOS: string;
  GOARCH: string;
  CgoSupported: boolean;
  FirstClass: boolean;
  Broken?: true;
}

/** PortTableError says crossgo carries no table for a Go version. */
export class PortTableError extends Error {
  override name = "PortTableError";
  readonly kind: ErrorKind = "usage";
}

function exists(r: PortRow, minor: number): boolean {
  return (r.since ?? 0) <= minor && minor <= (r.until ?? Infinity);
}

function rowToPort(r: PortRow, minor: number): Port {
  const cgo = typeof r.cgo === "boolean" ? r.cgo : minor >= r.cgo.since;
  const p: Port = {
    GOOS: r.goos,
    GOARCH: r.goarch,
    CgoSupported: cgo,
    FirstClass: r.firstClass ?? false,
  };
  if (r.broken?.some(([a, b]) => a <= minor && minor <= b)) p.Broken = true;
  return p;
}

/** isKnownMinor reports whether crossgo carries the port table of Go 1.minor. */
export function isKnownMinor(minor: number): boolean {
  return knownMinors.includes(minor);
}

/**
 * portTable returns every port of Go 1.minor, broken ones included (what
 * `go tool dist list -json -broken` prints), sorted as dist sorts them.
 */
export function portTable(minor: number = currentMinor): Port[] {
  if (!isKnownMinor(minor)) {
    throw new PortTableError(
      `crossgo carries no port table for Go 1.${minor} (it knows ${knownMinors.map((m) => `1.${m}`).join(", ")}); pass --goroot to ask that toolchain`,
    );
  }
  return portRows.filter((r) => exists(r, minor)).map((r) => rowToPort(r, minor));
}

/** ports returns what `go tool dist list -json` prints for Go 1.minor: the table without broken ports. */
export function ports(minor: number = currentMinor): Port[] {
  return portTable(minor).filter((p) => p.Broken !== true);
}

/**
 * portHistory tells in which known releases a GOOS/GOARCH pair exists, for errors such as
 * "linux/foo exists from Go 1.28".
 */
export function portHistory(
  goos: string,
  goarch: string,
): { since?: number; until?: number } | undefined {
  const r = portRows.find((x) => x.goos === goos && x.goarch === goarch);
  if (!r) return undefined;
  const h: { since?: number; until?: number } = {};
  if (r.since !== undefined) h.since = r.since;
  if (r.until !== undefined) h.until = r.until;
  return h;
}

/** portName is "goos/goarch". */
export function portName(p: { GOOS: string; GOARCH: string }): string {
  return `${p.GOOS}/${p.GOARCH}`;
}

/** PortClass is the port's class in Go's porting policy. */
export type PortClass = "first-class" | "secondary" | "broken";

/** portClass classifies a port: first class, broken, or secondary (everything else). */
export function portClass(p: Port): PortClass {
  if (p.Broken === true) return "broken";
  return p.FirstClass ? "first-class" : "secondary";
}

/**
 * formatDistJSON prints ports exactly as `go tool dist list -json` does: the output of
 * encoding/json.MarshalIndent with a tab, and no newline after it.
 */
export function formatDistJSON(list: readonly Port[]): string {
  return JSON.stringify(list, null, "\t");
}
