// The spawner runs programs from a helper process with run()'s contract.
import assert from "node:assert/strict";
import { test } from "node:test";
import { run } from "../../src/process/run.js";
import { Spawner } from "../../src/process/spawner.js";

test("Spawner: same results as run, errors, abort, close", async () => {
  const s = new Spawner();
  try {
    const args = ["-c", 'printf "out:%s" "$X"; printf err >&2; exit 3'];
    const opts = { env: { X: "ü", PATH: process.env.PATH ?? "" }, cwd: "/" };
    const want = await run("sh", args, opts);
    assert.deepEqual(await s.run("sh", args, opts), want);
    assert.equal(want.code, 3);
    assert.equal(want.stdout, "out:ü");

    // Many at once, with the same environment object (sent to the helper once).
    const many = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.run("sh", ["-c", `echo ${String(i)}`], opts)),
    );
    assert.deepEqual(
      many.map((r) => r.stdout),
      Array.from({ length: 20 }, (_, i) => `${String(i)}\n`),
    );

    await assert.rejects(s.run("/nonexistent/tool", []), { code: "ENOENT" });

    const ac = new AbortController();
    const t0 = performance.now();
    const sleeping = s.run("sleep", ["30"], { signal: ac.signal });
    setTimeout(() => {
      ac.abort();
    }, 100);
    const r = await sleeping;
    assert.equal(r.signal, "SIGTERM");
    assert.ok(performance.now() - t0 < 5000);
  } finally {
    await s.close();
  }
  // After close, the next program starts a new helper.
  assert.equal((await s.run("sh", ["-c", "echo ok"])).stdout, "ok\n");
  await s.close();
});
