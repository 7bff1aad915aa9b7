import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Parses command-line options; a bad option prints one line and the usage, then exits 2. */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(options: T, usage: string) {
  try {
    return parseArgs({
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    process.exit(2);
  }
}

export function printUsageIfAsked(help: unknown, usage: string): void {
  if (help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
}
