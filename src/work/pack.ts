// Appending object files to a Go package archive (go tool pack r), in process.

/** ArchiveMember is one object file to append to a Go package archive. */
export interface ArchiveMember {
  name: string; // base name, e.g. "cpu_x86.o"
  data: Uint8Array;
}

/**
 * appendToArchive is cmd/go's packInternal (`go tool pack r`): it appends members to the
 * Unix ar archive the compiler wrote, with zero dates, owners 0, mode 0644, names cut to
 * 16 bytes (keeping a ".syso" suffix) and an odd size padded with one zero byte.
 */
export function appendToArchive(archive: Uint8Array, members: readonly ArchiveMember[]): Buffer {
  const parts: Buffer[] = [Buffer.from(archive)];
  for (const m of members) {
    let name = Buffer.from(m.name, "utf8");
    if (name.length > 16) {
      name = m.name.endsWith(".syso")
        ? Buffer.concat([name.subarray(0, 16 - 5), Buffer.from(".syso")])
        : name.subarray(0, 16);
    } else {
      name = Buffer.concat([name, Buffer.from(" ".repeat(16 - name.length))]);
    }
    const size = m.data.length;
    const header =
      "0".padEnd(12) +
      "0".padEnd(6) +
      "0".padEnd(6) +
      (0o644).toString(8).padEnd(8) +
      String(size).padEnd(10) +
      "`\n";
    parts.push(name, Buffer.from(header, "latin1"), Buffer.from(m.data));
    if (size % 2 !== 0) parts.push(Buffer.from([0]));
  }
  return Buffer.concat(parts);
}
