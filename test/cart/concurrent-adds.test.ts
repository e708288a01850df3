import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemIdFor } from "../../src-main/cart/item-id.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const worker = path.join(here, "..", "kit", "add-worker.ts");
const addsPerProcess = 400;

let redis: TestRedis;

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  await redis.stop();
});

function startWorker(
  session: string,
  mode: "ours" | "web-channel",
): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", worker, redis.url, session, String(addsPerProcess), mode],
    {
      cwd: path.resolve(here, "..", ".."),
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const output = once(child, "exit").then(([code]) => {
    if (code !== 0) throw new Error(`worker exited with ${code}: ${stderr}`);
    return stdout;
  });
  return { child, output };
}

/** Two processes, each adding the same line `addsPerProcess` times at once; returns the final quantity. */
async function raceTwoProcesses(mode: "ours" | "web-channel"): Promise<{ quantity: number; lines: number }> {
  const session = `session-${randomUUID()}`;
  const workers = [startWorker(session, mode), startWorker(session, mode)];
  // Both connect first, then start together.
  await Promise.all(
    workers.map(
      ({ child }) =>
        new Promise<void>((resolve, reject) => {
          let seen = "";
          child.stdout!.on("data", (chunk: string) => {
            seen += chunk;
            if (seen.includes("ready")) resolve();
          });
          child.once("exit", () => reject(new Error("worker exited before it was ready")));
        }),
    ),
  );
  for (const { child } of workers) child.stdin!.write("go\n");
  const summaries = (await Promise.all(workers.map((w) => w.output))).map(
    (out) => JSON.parse(out.trim().split("\n").at(-1)!) as { ok: number; failed: string[] },
  );
  for (const summary of summaries) expect(summary).toEqual({ ok: addsPerProcess, failed: [] });
  const raw = redis.client();
  const quantity = Number(await raw.hget(`cart:${session}:item:${itemIdFor("42", {})}`, "quantity"));
  return { quantity, lines: await raw.scard(`cart:${session}:items`) };
}

describe("concurrent adds from two processes", () => {
  it("two processes adding the same line keep an exact quantity", async () => {
    expect(await raceTwoProcesses("ours")).toEqual({ quantity: 2 * addsPerProcess, lines: 1 });
  });

  it("the web channel's documented add (SISMEMBER, SADD, HSET) loses updates under the same load", async () => {
    const { quantity, lines } = await raceTwoProcesses("web-channel");
    expect(lines).toBe(1);
    expect(quantity).toBeLessThan(2 * addsPerProcess);
  });
});
