import { createInterface } from 'node:readline';
import { ENGINE_OPTIONS, ENGINE_USAGE, engineFromCli } from './engineFromCli.js';
import { parseCli, printUsageIfAsked } from './args.js';
import { formatForTerminal } from './print.js';

const USAGE = `Usage: npm run chat [-- --index DIR] [--data DIR] [--readonly]

An interactive console over the same engine as the bot. Type a question;
"/kiemtra <claim>" checks a claim, "/sosanh <indicator>" compares provinces,
"/nguon" lists the reports, an empty line or Ctrl-D quits.
${ENGINE_USAGE}`;

const { values } = parseCli(ENGINE_OPTIONS, USAGE);
printUsageIfAsked(values.help, USAGE);
const { engine } = await engineFromCli(
  {
    index: values.index as string | undefined,
    data: values.data as string | undefined,
    readonly: values.readonly as boolean | undefined,
  },
  true,
);
const rl = createInterface({ input: process.stdin, terminal: Boolean(process.stdin.isTTY) });
const prompt = () => process.stdout.write('? ');
process.stdout.write(`ansinh-bot (${engine.mode}) — ${engine.sources().length} reports. /nguon lists them.\n`);
prompt();
try {
  // Iterating the lines (not question()) keeps piped input: nothing typed ahead is dropped.
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) break;
    if (line === '/nguon') {
      for (const s of engine.sources())
        process.stdout.write(`- ${s.province ?? '?'} · ${s.period ?? '?'} · ${s.title} (${s.figures} figures)\n`);
      prompt();
      continue;
    }
    const check = /^\/kiemtra\s+(.+)/i.exec(line);
    const compare = /^\/sosanh\s+(.+)/i.exec(line);
    const answer = check
      ? await engine.ask(check[1]!, { intent: 'factcheck' })
      : compare
        ? await engine.ask(`so sánh ${compare[1]!} giữa các tỉnh`, { intent: 'compare' })
        : await engine.ask(line);
    process.stdout.write(`\n${formatForTerminal(answer)}\n`);
    prompt();
  }
} finally {
  rl.close();
  engine.close();
}
