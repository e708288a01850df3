/**
 * kioskctl, the operator CLI: `npx kioskctl --help`. Built into dist/cli/kioskctl.mjs and started
 * by bin/kioskctl.mjs. The commands live in ./commands, one module each.
 */
import { runKioskctl } from "./program.js";
import { readAllStdin, terminalSecretReader } from "./read-secret.js";

const code = await runKioskctl(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readSecret: terminalSecretReader(),
  readStdin: readAllStdin,
});
// Everything was closed, but ioredis keeps a timer for a socket that never connected: exit once
// the output is flushed rather than make a script wait for it.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
