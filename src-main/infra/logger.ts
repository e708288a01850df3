/**
 * What the main process logs through. Passed in (console by default) so tests can capture or
 * silence it; never a module-level singleton.
 */
export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export const consoleLogger: Logger = console;

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
