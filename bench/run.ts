/**
 * `npm run bench [suite ...]`: runs the benchmark suites (all by default) and writes
 * bench/results/<suite>.json. Suites live in bench/suites/<suite>.ts and export `run()`.
 * Benchmarks are never part of `npm test`.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeSuiteResult, type SuiteResult } from "./stats.js";

const suitesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "suites");
const available = readdirSync(suitesDir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`Unknown suite(s): ${unknown.join(", ")}. Available: ${available.join(", ")}`);
  process.exit(2);
}

for (const name of wanted.length ? wanted : available) {
  const suite = (await import(pathToFileURL(path.join(suitesDir, `${name}.ts`)).href)) as {
    run: () => Promise<SuiteResult>;
  };
  console.log(`bench: ${name} ...`);
  const result = await suite.run();
  const file = writeSuiteResult(result);
  console.table(result.results);
  console.log(`bench: wrote ${path.relative(process.cwd(), file)}`);
}
