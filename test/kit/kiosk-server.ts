import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { appRoot } from "../../src-main/config/config.js";

/**
 * The built web server (`npm run web` without its build step), started as its own process the way
 * an operator starts it: real WebSocket, real Redis, the offline assistant (no API key).
 */
export interface KioskServer {
  url: string;
  /** Everything the server printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

const serverEntry = path.join(appRoot, "dist", "server", "web.mjs");

export async function startKioskServer(options: {
  redisUrl: string;
  env?: Record<string, string>;
}): Promise<KioskServer> {
  if (!existsSync(serverEntry) || !existsSync(path.join(appRoot, "dist", "renderer", "index.html"))) {
    throw new Error(
      `The browser tests need the built app: run "npm run build" first (missing ${serverEntry}).`,
    );
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kiosk-e2e-data-"));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.OPENAI_API_KEY;
  delete env.OPENAI_BASE_URL;
  Object.assign(env, {
    REDIS_URL: options.redisUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    ASSISTANT_MODE: "offline",
    KIOSK_MODE: "false",
    DATA_DIR: dataDir,
    ...options.env,
  });
  const child: ChildProcess = spawn(process.execPath, [serverEntry], { cwd: appRoot, env, stdio: "pipe" });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The kiosk server did not start in 30 s:\n${output}`)),
      30_000,
    );
    const onData = () => {
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolve(match[1]!.replace(/\/$/, ""));
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The kiosk server exited (${code}) before it was ready:\n${output}`));
    });
  });

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        const timeout = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timeout);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
