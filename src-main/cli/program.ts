import { Command, CommanderError } from "commander";
import { AppError } from "../../src-shared/errors.js";
import { ConfigError } from "../config/config.js";
import { CliContext, type CliIo, type CommandModule } from "./cli-context.js";
import * as commandModules from "./commands/index.js";

/**
 * kioskctl's program: the command modules registered on one commander program, and the rule for
 * failures: exactly one line `kioskctl: <reason>` on stderr and a non-zero exit code.
 */

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

const helpFooter = `
Configuration (environment): REDIS_URL (default: the app's Redis, else redis://127.0.0.1:6379/1),
CATALOG_PATH (default: the bundled sample catalog), MAX_QUANTITY_PER_LINE, CART_TTL_SECONDS, ORDER_RETENTION_DAYS,
ASSISTANT_MODE, OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL. See the README.

Exit codes: 0 done; 1 refused or failed (sold out, not found, Redis unreachable, ...);
2 wrong usage (bad arguments, bad session id or quantity, bad configuration).
With --json, amounts are whole numbers in the currency's minor unit (UGX 60000 = UGX 60,000; USD 5088 = $50.88).`;

export function createProgram(context: CliContext): Command {
  const program = new Command("kioskctl")
    .description("Operator CLI of the kiosk shopping assistant: health, catalog, carts and orders.")
    .addHelpText("after", helpFooter)
    // Set before the subcommands are added, which inherit them: failures are reported by run() below.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout(text),
      writeErr: (text) => context.io.stderr(text),
      outputError: () => {},
    });
  for (const module of Object.values(commandModules) as CommandModule[]) module.register(program, context);
  return program;
}

/** Runs kioskctl with `argv` (without node and the script) and returns the exit code. */
export async function runKioskctl(argv: string[], io: CliIo): Promise<number> {
  const context = new CliContext(io);
  try {
    await createProgram(context).parseAsync(argv, { from: "user" });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError && /^commander\.(help|helpDisplayed|version)$/.test(error.code)) {
      return error.exitCode;
    }
    const [reason, code] = describeFailure(error);
    io.stderr(`kioskctl: ${oneLine(reason)}\n`);
    return code;
  } finally {
    await context.close();
  }
}

function describeFailure(error: unknown): [string, number] {
  if (error instanceof CommanderError) return [error.message.replace(/^error: /, ""), exitCodes.usage];
  if (error instanceof ConfigError) return [error.message, exitCodes.usage];
  if (error instanceof AppError) {
    return [error.message, error.code === "invalid_input" ? exitCodes.usage : exitCodes.failed];
  }
  return [error instanceof Error ? error.message : String(error), exitCodes.failed];
}

/** "Invalid configuration:\n  REDIS_URL: ...\n  PORT: ..." -> "Invalid configuration: REDIS_URL: ...; PORT: ..." */
function oneLine(text: string): string {
  return text
    .trim()
    .replace(/:\s*\n\s*/g, ": ")
    .replace(/\s*\n\s*/g, "; ");
}
