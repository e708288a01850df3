import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "web-channel-writer.mjs");

export type WriterCommand =
  | {
      op: "add";
      session: string;
      item: string;
      quantity: number;
      product_id?: string;
      name?: string;
      price?: string;
    }
  | { op: "quantity"; session: string; item: string; quantity: number }
  | { op: "remove"; session: string; item: string }
  | { op: "burst"; session: string; item: string; count: number }
  | { op: "hammer"; sessions: string[]; count: number }
  | { op: "chat"; session: string };

/** Drives fixtures/web-channel-writer.mjs: a separate OS process writing carts like the web channel. */
export class ExternalWriter {
  private seq = 0;
  private readonly waiting = new Map<number, (t0: bigint) => void>();
  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const { seq, t0 } = JSON.parse(line) as { seq: number; t0: string };
      this.waiting.get(seq)?.(BigInt(t0));
      this.waiting.delete(seq);
    });
  }

  static start(redisUrl: string): ExternalWriter {
    const child = spawn(process.execPath, [script, redisUrl], { stdio: ["pipe", "pipe", "inherit"] });
    return new ExternalWriter(child);
  }

  /** Runs one command in the other process; resolves with the monotonic time (ns) just before its first write. */
  write(command: WriterCommand): Promise<bigint> {
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.waiting.set(seq, resolve);
      this.child.stdin!.write(JSON.stringify({ ...command, seq }) + "\n");
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.stdin!.end();
    });
  }
}
