import type { Command } from "commander";
import { createCliServices, type CliServices } from "../app/cli-services.js";
import { loadConfig } from "../config/config.js";

/**
 * What every command module gets: the services (built from the configuration on first use, so
 * `--help` works even with a bad configuration) and one way to print, as JSON or for people.
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a secret (a PIN) typed at the terminal, without echoing it; absent when there is no terminal. */
  readSecret?(prompt: string): Promise<string>;
  /** Reads standard input to its end (`--pin-stdin`). */
  readStdin?(): Promise<string>;
}

export interface CliOutput {
  /** What `--json` prints: plain data, amounts in minor units. */
  json: unknown;
  /** What a person reads. */
  text: string;
}

export class CliContext {
  private built: CliServices | undefined;

  constructor(readonly io: CliIo) {}

  services(): CliServices {
    return (this.built ??= createCliServices(loadConfig(this.io.env)));
  }

  print(options: { json?: boolean }, output: CliOutput): void {
    this.io.stdout(
      options.json ? JSON.stringify(output.json, null, 2) + "\n" : output.text.replace(/\n?$/, "\n"),
    );
  }

  async close(): Promise<void> {
    await this.built?.close();
  }
}

/** A command module: `register` adds its commands to the program. List it in commands/index.ts. */
export interface CommandModule {
  register(program: Command, context: CliContext): void;
}

/** Every command takes --json. */
export function withJsonOption(command: Command, shape?: string): Command {
  command.option("--json", "print machine-readable JSON instead of text");
  if (shape) command.addHelpText("after", `\nWith --json: ${shape}`);
  return command;
}
