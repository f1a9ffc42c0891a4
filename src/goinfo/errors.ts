/**
 * BuildInfoError says why a file has no readable Go build info, with debug/buildinfo's wording:
 * "not a Go executable", "unrecognized file format", "address not mapped".
 */
export class BuildInfoError extends Error {
  override name = "BuildInfoError";
  readonly reason: "not-go" | "unrecognized" | "unmapped" | "parse";

  constructor(reason: BuildInfoError["reason"], msg?: string) {
    super(
      msg ??
        (reason === "not-go"
          ? "not a Go executable"
          : reason === "unrecognized"
            ? "unrecognized file format"
            : "address not mapped"),
    );
    this.reason = reason;
  }
}

/** BuildIDError is a build ID that is present but malformed (cmd/internal/buildid's errBuildIDMalformed). */
export class BuildIDError extends Error {
  override name = "BuildIDError";

  constructor(msg = "malformed object file") {
    super(msg);
  }
}
