import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";

/**
 * FileHasher hashes file contents (sha256, hex) once per build, as cmd/go's fileHash does:
 * a matrix build reads each source once however many targets compile it. Across builds in
 * one process (frozen() === false) it re-checks size, mtime and inode before reusing a hash.
 */
export class FileHasher {
  private memo = new Map<string, { stamp: string; hash: string }>();
  private thisBuild = new Map<string, string>();
  bytesHashed = 0; // for tests and benchmarks

  /** newBuild forgets the per-build answers: files are stat'ed again before reuse. */
  newBuild(): void {
    this.thisBuild.clear();
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
    this.memo.set(path, { stamp, hash });
    this.thisBuild.set(path, hash);
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
