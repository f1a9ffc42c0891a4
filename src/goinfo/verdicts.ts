import { compareVersions } from "../binfmt/elf.js";
import { archInfo } from "../platform/arch.js";
import type { Summary } from "./summary.js";

/** VerdictID names one check the doctor and the verifier can report. */
export type VerdictID =
  "trimpath" | "buildvcs" | "buildid" | "stripped" | "cgo" | "subarch" | "glibc" | "codesign";

/** Verdict is one derived fact about a binary, with whether it is the safe/reproducible answer. */
export interface Verdict {
  id: VerdictID;
  ok: boolean; // true when the binary passes the check
  message: string;
  value?: string; // the measured value (sub-arch level, minimum glibc, ...)
}

/**
 * verdicts derives the reproducible-build checklist (trimpath, VCS stamping, empty build ID,
 * stripped symbols and DWARF), cgo, the sub-arch level, the minimum glibc a dynamic binary needs
 * and, for darwin/arm64, whether a code signature is present (Apple silicon kills unsigned
 * programs at start).
 */
export function verdicts(s: Summary): Verdict[] {
  const out: Verdict[] = [];
  const bi = s.buildInfo;
  const setting = (k: string): string | undefined => bi?.Settings.find((x) => x.Key === k)?.Value;
  if (bi) {
    const trim = setting("-trimpath") === "true";
    out.push({
      id: "trimpath",
      ok: trim,
      message: trim
        ? "built with -trimpath"
        : "built without -trimpath: file paths of the build machine are embedded",
    });
    const vcs = setting("vcs");
    const modified = setting("vcs.modified");
    if (vcs === undefined) out.push({ id: "buildvcs", ok: true, message: "no VCS stamp" });
    else
      out.push({
        id: "buildvcs",
        ok: modified !== "true",
        message:
          modified === "true"
            ? `${vcs} stamp of a modified tree: the revision does not identify the source`
            : `${vcs} revision ${setting("vcs.revision") ?? "?"}`,
        value: setting("vcs.revision"),
      });
    const cgo = setting("CGO_ENABLED");
    if (cgo !== undefined)
      out.push({
        id: "cgo",
        ok: true,
        message: cgo === "1" ? "cgo enabled" : "cgo disabled",
        value: cgo,
      });
    const goarch = setting("GOARCH") ?? s.goarch;
    const key = goarch ? archInfo[goarch]?.subarchVar : undefined;
    const level = key ? setting(key) : undefined;
    if (key && level !== undefined)
      out.push({ id: "subarch", ok: true, message: `${key}=${level}`, value: level });
  }
  if (s.info && (bi || s.buildID !== "")) {
    out.push({
      id: "buildid",
      ok: s.buildID === "",
      message:
        s.buildID === "" ? "empty build ID" : "build ID present (-ldflags=-buildid= empties it)",
    });
    const stripped = !s.info.hasSymbols && !s.info.hasDWARF;
    out.push({
      id: "stripped",
      ok: stripped,
      message: stripped
        ? "symbols and DWARF stripped"
        : `${s.info.hasSymbols ? "symbol table" : ""}${s.info.hasSymbols && s.info.hasDWARF ? " and " : ""}${s.info.hasDWARF ? "DWARF" : ""} present (-ldflags=-s -w strips them)`,
    });
  }
  if (s.info) {
    const glibc = s.info.needed
      .flatMap((n) => n.versions)
      .filter((v) => v.startsWith("GLIBC_") && /^GLIBC_\d/.test(v));
    if (glibc.length > 0) {
      const max = glibc.sort(compareVersions)[glibc.length - 1] as string;
      out.push({
        id: "glibc",
        ok: true,
        message: `needs glibc >= ${max.slice(6)}`,
        value: max.slice(6),
      });
    }
    if (
      s.info.format === "macho" &&
      s.info.kind !== "object" &&
      s.goos === "darwin" &&
      s.goarch === "arm64"
    ) {
      const signed = s.info.codeSignature === true;
      out.push({
        id: "codesign",
        ok: signed,
        message: signed
          ? "code signature present"
          : "no code signature: macOS on Apple silicon kills it at start (sign with codesign -s -)",
      });
    }
  }
  return out;
}
