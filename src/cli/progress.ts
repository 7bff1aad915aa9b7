import type { IngestProgress } from '../ingest/ingestReports.js';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  /** Ends the bar (a TTY's line is finished with a newline). */
  end(): void;
}

/** Seconds between two lines when the output is not a terminal (a log, CI). */
const LINE_EVERY_MS = 5_000;
/** Redraws of the bar a second at most. */
const BAR_EVERY_MS = 100;
const BAR_WIDTH = 28;

/**
 * Progress of a long ingest: a bar redrawn in place on a terminal, one plain
 * line every few seconds otherwise. Runs of a handful of files stay silent.
 */
export function createProgressReporter(
  out: ProgressOutput,
  now: () => number = () => performance.now(),
): ProgressReporter {
  const started = now();
  let last = started;
  let drawn = false;
  let latest: IngestProgress | null = null;

  function describe(p: IngestProgress): string {
    const seconds = Math.max((now() - started) / 1000, 1e-3);
    const rate = p.done / seconds;
    const eta = rate > 0 ? (p.total - p.done) / rate : 0;
    const mb = p.bytes / 1_048_576;
    return (
      `${p.done}/${p.total} files, ${mb.toFixed(1)} MB, ${rate.toFixed(0)} files/s, ` +
      `${(mb / seconds).toFixed(2)} MB/s, ${formatSeconds(seconds)} elapsed, ${formatSeconds(eta)} left`
    );
  }

  return {
    update(p: IngestProgress): void {
      latest = p;
      const t = now();
      if (out.isTTY) {
        if (t - last < BAR_EVERY_MS && p.done < p.total) return;
        const filled = p.total > 0 ? Math.round((p.done / p.total) * BAR_WIDTH) : BAR_WIDTH;
        out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${describe(p)}\x1b[K`);
        drawn = true;
      } else {
        if (t - last < LINE_EVERY_MS) return;
        out.write(`ingest: ${describe(p)}\n`);
      }
      last = t;
    },
    end(): void {
      if (out.isTTY && drawn) {
        if (latest) out.write(`\r[${'#'.repeat(BAR_WIDTH)}] ${describe(latest)}\x1b[K`);
        out.write('\n');
      }
    },
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(0)} s`;
  return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
}
