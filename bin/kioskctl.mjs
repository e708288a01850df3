#!/usr/bin/env node
// The operator CLI. Built by `npm run build` into dist/cli.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../dist/cli/kioskctl.mjs", import.meta.url));
if (!existsSync(entry)) {
  console.error("kioskctl is not built yet: run `npm run build` first.");
  process.exit(1);
}
await import(entry);
