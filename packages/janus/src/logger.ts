/** What the SFU code logs through (a pino Logger fits). */
export interface SfuLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: SfuLogger = { debug() {}, info() {}, warn() {}, error() {} };
