import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Latency samples in microseconds, summarised the same way by every suite. */
export function percentile(samplesUs: number[], p: number): number {
  if (samplesUs.length === 0) return Number.NaN;
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[rank]!);
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Runs `op` `iterations` times one after another and returns each call's time in microseconds. */
export async function timeSerial(iterations: number, op: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await op(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return samples;
}

export interface SuiteResult {
  suite: string;
  results: Array<Record<string, unknown> & { name: string }>;
  [extra: string]: unknown;
}

export function writeSuiteResult(result: SuiteResult): string {
  const dir = path.join(process.cwd(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.suite}.json`);
  const withMeta = {
    ...result,
    measured_at: new Date().toISOString(),
    machine: { node: process.version, platform: process.platform, cpus: os.cpus().length },
  };
  writeFileSync(file, JSON.stringify(withMeta, null, 2) + "\n");
  return file;
}
