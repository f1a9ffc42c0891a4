// Action IDs: the hashes of an action's inputs (source files by content, remembered by stat)
// that key the cache, as cmd/go's work/buildid.go computes them.

import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { readSealed, seal, writeAtomic, type Damage } from "../cache/seal.js";

const FORMAT = "crossgo-filehash-v2"; // sealed (src/cache/seal.ts); v1 was plain JSON

/**
 * FileHasher hashes file contents (sha256, hex) once per build, as cmd/go's fileHash does:
 * a matrix build reads each source once however many targets compile it. Answers are kept
 * with the file's size, mtime (ns) and inode, and may be loaded from and saved to a stamp
 * file, so a no-op rebuild in a new process stats sources instead of reading them.
 */
export class FileHasher {
  private memo = new Map<string, { stamp: string; hash: string }>();
  private thisBuild = new Map<string, string>();
  private dirty = false;
  bytesHashed = 0; // for tests and benchmarks

  /**
   * load reads remembered hashes from file (written by save). An absent file or one of an
   * older format starts empty; a damaged one (any edit: it is sealed) too, and is returned
   * as Damage for the caller to report: one wrong hash would give a wrong action ID.
   */
  load(file: string): Damage | undefined {
    const u = readSealed(file, FORMAT, ["{"]);
    if ("stale" in u) return undefined;
    if ("damaged" in u) return { file, reason: u.damaged };
    const memo = new Map<string, { stamp: string; hash: string }>();
    try {
      const m: unknown = JSON.parse(u.body);
      if (m === null || typeof m !== "object") return { file, reason: "not a JSON object" };
      for (const [path, v] of Object.entries(m as Record<string, unknown>)) {
        if (
          !Array.isArray(v) ||
          typeof v[0] !== "string" ||
          typeof v[1] !== "string" ||
          !/^[0-9a-f]{64}$/.test(v[1])
        )
          return { file, reason: `malformed entry for ${path}` };
        memo.set(path, { stamp: v[0], hash: v[1] });
      }
    } catch {
      return { file, reason: "malformed JSON" };
    }
    this.memo = memo;
    return undefined;
  }

  /** save writes the remembered hashes to file (sealed, temp file + rename), if any changed. */
  save(file: string): void {
    if (!this.dirty) return;
    const out: Record<string, [string, string]> = {};
    for (const [path, m] of this.memo) out[path] = [m.stamp, m.hash];
    try {
      writeAtomic(file, seal(FORMAT, JSON.stringify(out)));
      this.dirty = false;
    } catch {
      // only an optimization; writeAtomic removed its temporary file
    }
  }

  /** remember records that the file now at path (just written by us) has sha256 hash. */
  remember(path: string, hash: string): void {
    const st = statSync(path, { bigint: true });
    this.memo.set(path, {
      stamp: `${String(st.size)} ${String(st.mtimeNs)} ${String(st.ino)}`,
      hash,
    });
    this.thisBuild.set(path, hash);
    this.dirty = true;
  }

  /** hash returns the sha256 of the file at path; it throws if the file cannot be read. */
  hash(path: string): string {
    const known = this.thisBuild.get(path);
    if (known !== undefined) return known;
    const st = statSync(path, { bigint: true });
    const stamp = `${String(st.size)} ${String(st.mtimeNs)} ${String(st.ino)}`;
    const m = this.memo.get(path);
    if (m && m.stamp === stamp) {
      this.thisBuild.set(path, m.hash);
      return m.hash;
    }
    const data = readFileSync(path);
    this.bytesHashed += data.length;
    const hash = createHash("sha256").update(data).digest("hex");
    this.thisBuild.set(path, hash);
    // A file modified in the last two seconds may change again without its stamp changing
    // (coarse file-system clocks; git's "racily clean" entries, cmd/go's modindex rule): its
    // hash is used for this build but not remembered for the next.
    const racy = BigInt(Date.now()) * 1_000_000n - st.mtimeNs < 2_000_000_000n;
    if (racy) {
      if (this.memo.delete(path)) this.dirty = true;
    } else {
      this.memo.set(path, { stamp, hash });
      this.dirty = true;
    }
    return hash;
  }
}

/**
 * ActionIDWriter accumulates the line-by-line description of an action's inputs. The rule
 * (as in cmd/go's buildActionID): everything that can change the action's output is written
 * into it (tool identity, target environment, every flag, every input file's content, the
 * content of every dependency's output), and nothing else, so an unchanged input set hits.
 */
export class ActionIDWriter {
  private lines: string[] = [];

  /** line appends one description line (it must not contain a newline). */
  line(...words: string[]): this {
    this.lines.push(words.join(" ").replaceAll("\n", "\\n"));
    return this;
  }

  /** text is the description written so far, for --debug-actiongraph and tests. */
  text(): string {
    return this.lines.join("\n") + "\n";
  }

  /** sum is the action ID: sha256 of the description, 64 hex digits. */
  sum(): string {
    return createHash("sha256").update(this.text()).digest("hex");
  }
}
