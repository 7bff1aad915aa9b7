import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ENGINE_OPTIONS, ENGINE_USAGE, engineFromCli } from './engineFromCli.js';
import { parseCli, printUsageIfAsked } from './args.js';
import { formatForTerminal } from './print.js';

const USAGE = `Usage: npm run ask -- "<question>" [--json] [--index DIR] [--data DIR] [--readonly]
       npm run ask -- --batch FILE [--index DIR] [--data DIR] [--readonly]

Answers a question from the reports, every figure cited.
  --json        print the answer object instead of the reply
  --batch FILE  read JSON lines with a "question" field, write one answer object a line
${ENGINE_USAGE}`;

const BatchLine = z.object({ question: z.string().min(1) }).passthrough();

const { values, positionals } = parseCli(
  { json: { type: 'boolean' }, batch: { type: 'string' }, ...ENGINE_OPTIONS },
  USAGE,
);
printUsageIfAsked(values.help, USAGE);
const question = positionals.join(' ').trim();
if (!question && !values.batch) {
  process.stderr.write(`Ask a question.\n\n${USAGE}\n`);
  process.exit(2);
}

const { engine } = await engineFromCli(
  {
    index: values.index as string | undefined,
    data: values.data as string | undefined,
    readonly: values.readonly as boolean | undefined,
  },
  true,
);
try {
  if (values.batch) {
    const lines = createInterface({ input: createReadStream(values.batch as string, 'utf8'), crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      let parsed: z.infer<typeof BatchLine>;
      try {
        parsed = BatchLine.parse(JSON.parse(line));
      } catch (error) {
        process.stderr.write(
          `${values.batch}:${lineNo}: skipped, expected {"question": "..."} (${(error as Error).message.split('\n')[0]})\n`,
        );
        continue;
      }
      process.stdout.write(`${JSON.stringify(await engine.ask(parsed.question))}\n`);
    }
  } else {
    const answer = await engine.ask(question);
    process.stdout.write(values.json ? `${JSON.stringify(answer, null, 2)}\n` : formatForTerminal(answer));
  }
} finally {
  engine.close();
}
