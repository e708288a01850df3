import readline from "node:readline";

/**
 * Reads one line typed at the terminal without showing it (a PIN), for `kioskctl staff add` and
 * `staff set-pin`. Undefined when standard input is not a terminal: then the PIN comes with
 * `--pin-stdin`, never as an argument (arguments are visible to every user in `ps`).
 */
export function terminalSecretReader(): ((prompt: string) => Promise<string>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return (prompt) =>
    new Promise((resolve, reject) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      const output = rl as unknown as { _writeToOutput: (text: string) => void };
      process.stderr.write(prompt);
      // Echo nothing of what is typed (readline writes each keystroke through this).
      output._writeToOutput = () => {};
      rl.once("line", (line) => {
        process.stderr.write("\n");
        rl.close();
        resolve(line);
      });
      rl.once("SIGINT", () => {
        rl.close();
        reject(new Error("cancelled"));
      });
    });
}

export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
