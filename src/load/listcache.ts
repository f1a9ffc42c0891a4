import { createHash, randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { readSealed, seal, writeAtomic, type DamageListener } from "../cache/seal.js";
import { subarchVars } from "../platform/arch.js";
import { targetEnv, type BuildLoadOptions } from "./golist.js";
import type { BuildPackage } from "./package.js";

const racyWindow = 2_000_000_000n; // ns
const FORMAT = "crossgo-list-v3"; // sealed (src/cache/seal.ts); v1 was plain JSON, v2 named Embed EmbedMap

// Environment variables that change what the loader answers (beyond the target's own).
const loaderEnv = [
  "GOPATH",
  "GOMODCACHE",
  "GO111MODULE",
  "GOWORK",
  "GOEXPERIMENT",
  "GOFIPS140",
  "GOPROXY",
  "GONOPROXY",
  "GOPRIVATE",
  "GOSUMDB",
  "GONOSUMDB",
  "GOINSECURE",
  "GOVCS",
  ...subarchVars,
];

interface ListEntry {
  stamps: Record<string, string>; // path -> stamp when the list was made
  packages: BuildPackage[];
}

/**
 * ListCache remembers a loader's answer for one (toolchain, directory, patterns, target,
 * flags, environment) and replays it while nothing it read has changed: every package
 * directory's listing (names, sizes, mtimes) and each module's go.mod, go.sum and
 * vendor/modules.txt, and any go.work above the working directory. A warm no-op build then
 * runs no go list at all. Patterns with "..." are not cached (new directories would match).
 * Entries are sealed: a damaged one is a miss, removed and reported to onDamage.
 */
export class ListCache {
  private stampMemo = new Map<string, string>();

  constructor(
    readonly dir: string,
    private readonly onDamage: DamageListener = () => undefined,
  ) {}

  /** load returns the cached packages for o if still valid, else runs loader and records its answer. */
  async load(
    o: BuildLoadOptions,
    loader: (o: BuildLoadOptions) => Promise<BuildPackage[]>,
    kind = "go",
  ): Promise<BuildPackage[]> {
    if (o.patterns.some((p) => p.includes("..."))) return loader(o);
    const key = this.key(o, kind);
    const file = join(this.dir, key.slice(0, 2), `${key}.json`);
    const e = this.read(file);
    if (e && Object.entries(e.stamps).every(([p, s]) => this.stamp(p) === s)) return e.packages;
    const pkgs = await loader(o);
    if (pkgs.some((p) => p.Error !== undefined || p.DepsErrors.length > 0)) return pkgs;
    const stamps: Record<string, string> = {};
    for (const p of this.watched(o, pkgs)) {
      this.stampMemo.delete(p);
      stamps[p] = this.stamp(p);
    }
    try {
      writeAtomic(
        file,
        seal(FORMAT, JSON.stringify({ stamps, packages: pkgs } satisfies ListEntry)),
      );
    } catch {
      // the cache is an optimization: a failed write only costs a go list next time
    }
    return pkgs;
  }

  // read returns the entry in file, or undefined when it is absent, of an older format or
  // damaged (reported).
  private read(file: string): ListEntry | undefined {
    const u = readSealed(file, FORMAT, ["{"]);
    if ("stale" in u) return undefined;
    let reason: string;
    if ("damaged" in u) reason = u.damaged;
    else {
      try {
        const e = JSON.parse(u.body) as ListEntry;
        if (typeof e.stamps === "object" && Array.isArray(e.packages)) return e;
        reason = "malformed entry";
      } catch {
        reason = "malformed JSON";
      }
    }
    this.onDamage({ file, reason });
    return undefined;
  }

  private key(o: BuildLoadOptions, kind: string): string {
    const env = o.env ?? process.env;
    const desc = {
      v: 1,
      loader: kind,
      goroot: o.goroot.goroot,
      version: o.goroot.version,
      dir: resolve(o.dir),
      patterns: o.patterns,
      tags: o.tags,
      cgo: o.cgoEnabled,
      target: targetEnv(o.target),
      env: loaderEnv.map((k) => `${k}=${env[k] ?? ""}`),
    };
    return createHash("sha256").update(JSON.stringify(desc)).digest("hex");
  }

  // watched lists the paths whose stamps decide whether a recorded answer still holds.
  private watched(o: BuildLoadOptions, pkgs: readonly BuildPackage[]): string[] {
    const paths = new Set<string>();
    for (const p of pkgs) {
      if (p.Dir !== "") paths.add(p.Dir);
      for (const f of p.EmbedFiles) paths.add(dirname(join(p.Dir, f)));
      const md = p.Module?.Dir;
      if (md !== undefined)
        for (const f of ["go.mod", "go.sum", join("vendor", "modules.txt")]) paths.add(join(md, f));
    }
    for (let d = resolve(o.dir); ; d = dirname(d)) {
      paths.add(join(d, "go.work"));
      paths.add(join(d, "go.mod"));
      if (dirname(d) === d) break;
    }
    return [...paths];
  }

  // stamp summarizes a file (size, mtime, inode) or a directory (its entries' names, sizes, mtimes).
  private stamp(path: string): string {
    const have = this.stampMemo.get(path);
    if (have !== undefined) return have;
    let s: string;
    // Something modified in the last two seconds may change again without its stamp changing
    // (coarse file-system clocks): such a stamp never matches a later one, so the answer is
    // not replayed.
    const now = BigInt(Date.now()) * 1_000_000n;
    let racy = false;
    try {
      const st = statSync(path, { bigint: true });
      if (st.isDirectory()) {
        const h = createHash("sha256");
        for (const name of readdirSync(path).sort()) {
          try {
            const e = statSync(join(path, name), { bigint: true });
            if (now - e.mtimeNs < racyWindow) racy = true;
            h.update(
              `${name} ${e.isDirectory() ? "d" : "f"} ${String(e.size)} ${String(e.mtimeNs)}\n`,
            );
          } catch {
            h.update(`${name} ?\n`);
          }
        }
        s = "dir " + h.digest("hex");
      } else {
        s = `file ${String(st.size)} ${String(st.mtimeNs)} ${String(st.ino)}`;
        if (now - st.mtimeNs < racyWindow) racy = true;
      }
    } catch {
      s = "absent";
    }
    if (racy) s = `racy ${randomBytes(8).toString("hex")}`;
    this.stampMemo.set(path, s);
    return s;
  }
}
