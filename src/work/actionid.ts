import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

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

  /** load reads remembered hashes from file (written by save); a damaged file is ignored. */
  load(file: string): void {
    try {
      const m: unknown = JSON.parse(readFileSync(file, "utf8"));
      if (m === null || typeof m !== "object") return;
      for (const [path, v] of Object.entries(m as Record<string, unknown>)) {
        if (
          Array.isArray(v) &&
          typeof v[0] === "string" &&
          typeof v[1] === "string" &&
          /^[0-9a-f]{64}$/.test(v[1])
        ) {
          this.memo.set(path, { stamp: v[0], hash: v[1] });
        }
      }
    } catch {
      // absent or damaged: start empty
    }
  }

  /** save writes the remembered hashes to file (temp file + rename), if any changed. */
  save(file: string): void {
    if (!this.dirty) return;
    const out: Record<string, [string, string]> = {};
    for (const [path, m] of this.memo) out[path] = [m.stamp, m.hash];
    const tmp = `${file}.tmp-${String(process.pid)}-${randomBytes(4).toString("hex")}`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(tmp, JSON.stringify(out));
      renameSync(tmp, file);
      this.dirty = false;
    } catch {
      rmSync(tmp, { force: true }); // only an optimization
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
