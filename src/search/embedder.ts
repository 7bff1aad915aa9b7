import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../logger.js';

export interface Embedder {
  readonly modelId: string;
  readonly dimension: number;
  /** One L2-normalised vector per text, in order. */
  embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]>;
}

export type EmbedderLoad = { embedder: Embedder; warning: null } | { embedder: null; warning: string };

/** What a model expects around its input; e5 was trained with `query: ` / `passage: ` and loses recall without them. */
export interface EmbedderProfile {
  readonly queryPrefix: string;
  readonly passagePrefix: string;
}

const E5_PROFILE: EmbedderProfile = { queryPrefix: 'query: ', passagePrefix: 'passage: ' };
const PLAIN_PROFILE: EmbedderProfile = { queryPrefix: '', passagePrefix: '' };

/** The profile of a model id: the e5 family gets its prefixes, anything else none. */
export function profileFor(modelId: string): EmbedderProfile {
  return /(^|\/)(multilingual-)?e5-/i.test(modelId) ? E5_PROFILE : PLAIN_PROFILE;
}

export type ProgressMode = 'auto' | 'bar' | 'log' | 'none';

export interface LoadEmbedderOptions {
  modelId: string;
  /** Where models are looked up (`<modelDir>/<modelId>/…`) and downloads are saved. Default: the library's cache. */
  modelDir?: string;
  /** Never touch the network; only `modelDir` is read. */
  offline: boolean;
  logger: Logger;
  /** `auto`: a bar on a terminal, a log line every few seconds otherwise. */
  progress?: ProgressMode;
  /** Texts per inference call. Default 16: larger batches pad more and barely run faster on CPU. */
  batchSize?: number;
  /** Overrides `profileFor(modelId)`. */
  profile?: EmbedderProfile;
  /** Base URL of a Hugging Face mirror. Default: huggingface.co. */
  remoteHost?: string;
  /** A download with no progress for this long is abandoned. Default 30 s. */
  stallTimeoutMs?: number;
}

/** Hugging Face's hub, the library's default. */
const DEFAULT_REMOTE_HOST = 'https://huggingface.co/';
const DEFAULT_BATCH_SIZE = 16;
const DEFAULT_STALL_TIMEOUT_MS = 30_000;
const LOG_EVERY_MS = 5_000;
const BAR_EVERY_MS = 100;
const MODEL_FILES = 'tokenizer.json, tokenizer_config.json, config.json, onnx/model_quantized.onnx';

type Extractor = (
  texts: string[],
  options: { pooling: 'mean'; normalize: true },
) => Promise<{ data: Float32Array; dims: number[] }>;

interface ProgressEvent {
  status: string;
  name?: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/**
 * Loads a feature-extraction model through transformers.js and runs one warm-up inference.
 * Never throws for a missing or broken model: returns one warning saying why and how to fix it.
 * Sets transformers.js's process-wide `env` (model folder, offline), as the library has no per-call option.
 */
export async function loadEmbedder(opts: LoadEmbedderOptions): Promise<EmbedderLoad> {
  const { modelId, offline, logger } = opts;
  // Loaded on first use: lexical mode never pays for onnxruntime.
  const { env, pipeline } = await import('@xenova/transformers');
  const modelDir = resolve(opts.modelDir ?? env.cacheDir);
  const profile = opts.profile ?? profileFor(modelId);
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);

  env.localModelPath = modelDir;
  env.cacheDir = modelDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = !offline;
  env.remoteHost = opts.remoteHost ?? DEFAULT_REMOTE_HOST;

  const started = Date.now();
  const watchdog = createStallWatchdog(opts.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS);
  const report = createProgressReporter(resolveMode(opts.progress), logger);
  const remote = new Set<string>();
  const library = captureLibraryWarnings(logger);
  try {
    const loading = (async () => {
      const extractor = (await pipeline('feature-extraction', modelId, {
        quantized: true,
        progress_callback: (event: ProgressEvent) => {
          const file = `${event.name}/${event.file}`;
          // Files already in the folder load silently and untimed; only downloads are watched.
          if (event.status === 'initiate' && !existsSync(join(modelDir, file))) remote.add(file);
          if (!remote.has(file)) return;
          watchdog.onEvent(event.status, file);
          report(event.status, file, event);
        },
      })) as unknown as Extractor;
      // The first inference allocates and is slow; pay it now and learn the dimension.
      const warm = await extractor(['warm-up'], { pooling: 'mean', normalize: true });
      return { extractor, dimension: warm.dims.at(-1) ?? 0 };
    })();
    const { extractor, dimension } = await Promise.race([loading, watchdog.stalled]);
    if (!dimension) throw new Error('the model returned an empty vector');
    logger.info({ modelId, dimension, ms: Date.now() - started }, 'embedding model loaded');
    return { embedder: createEmbedder(modelId, dimension, extractor, profile, batchSize), warning: null };
  } catch (err) {
    return { embedder: null, warning: missingModelWarning(modelId, modelDir, offline, err, library.messages) };
  } finally {
    watchdog.stop();
    library.restore();
    report.end();
  }
}

function createEmbedder(
  modelId: string,
  dimension: number,
  extractor: Extractor,
  profile: EmbedderProfile,
  batchSize: number,
): Embedder {
  return {
    modelId,
    dimension,
    async embed(texts, kind) {
      const prefix = kind === 'query' ? profile.queryPrefix : profile.passagePrefix;
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize).map((t) => prefix + t);
        const { data } = await extractor(batch, { pooling: 'mean', normalize: true });
        for (let i = 0; i < batch.length; i++) vectors.push(data.slice(i * dimension, (i + 1) * dimension));
      }
      return vectors;
    },
  };
}

/** Rejects when a download has shown no progress for `timeoutMs`. */
function createStallWatchdog(timeoutMs: number) {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let fail: (err: Error) => void = () => {};
  const stalled = new Promise<never>((_, reject) => {
    fail = reject;
  });
  stalled.catch(() => {});
  return {
    stalled,
    onEvent(status: string, file: string) {
      if (status === 'initiate') pending.add(file);
      if (status === 'done') pending.delete(file);
      clearTimeout(timer);
      if (pending.size === 0) return;
      timer = setTimeout(() => fail(new Error(`download stalled: no data for ${timeoutMs / 1000} s`)), timeoutMs);
    },
    stop() {
      clearTimeout(timer);
    },
  };
}

function resolveMode(mode: ProgressMode = 'auto'): Exclude<ProgressMode, 'auto'> {
  if (mode !== 'auto') return mode;
  return process.stderr.isTTY ? 'bar' : 'log';
}

function createProgressReporter(mode: Exclude<ProgressMode, 'auto'>, logger: Logger) {
  const lastShown = new Map<string, number>();
  let lineOpen = false;
  const mb = (bytes = 0) => (bytes / 1_048_576).toFixed(1);
  const due = (file: string, everyMs: number) => {
    if (Date.now() - (lastShown.get(file) ?? 0) < everyMs) return false;
    lastShown.set(file, Date.now());
    return true;
  };
  const report = (status: string, file: string, event: ProgressEvent) => {
    if (mode === 'none') return;
    // `download` comes once the server has answered; `initiate` alone may be refused offline.
    if (status === 'download' && mode === 'log') logger.info({ file }, 'downloading model file');
    if (status === 'progress') {
      const percent = event.total ? Math.floor((100 * (event.loaded ?? 0)) / event.total) : 0;
      if (mode === 'bar' && due(file, BAR_EVERY_MS)) {
        process.stderr.write(
          `\r\x1b[KDownloading ${file} ${String(percent).padStart(3)}% ${mb(event.loaded)}/${mb(event.total)} MB`,
        );
        lineOpen = true;
      } else if (mode === 'log' && due(file, LOG_EVERY_MS)) {
        logger.info({ file, percent, mb: Number(mb(event.loaded)) }, 'downloading model file');
      }
    }
    if (status === 'done') {
      if (mode === 'bar') process.stderr.write(`\r\x1b[KDownloaded ${file}\n`);
      else logger.info({ file }, 'model file downloaded');
      lineOpen = false;
    }
  };
  /** Ends a bar line left open by a failed download, so the warning starts on its own line. */
  const end = () => {
    if (lineOpen) process.stderr.write('\n');
    lineOpen = false;
  };
  return Object.assign(report, { end });
}

/**
 * transformers.js and onnxruntime print straight to the console while loading (stack traces, a wasm
 * fallback notice); route them to debug logs so a failed load ends in one warning, not a screenful.
 */
function captureLibraryWarnings(logger: Logger) {
  const { warn, error } = console;
  const messages: string[] = [];
  const capture = (...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
    messages.push(text);
    logger.debug({ library: text }, 'model loader output');
  };
  console.warn = capture;
  console.error = capture;
  return {
    messages,
    restore() {
      console.warn = warn;
      console.error = error;
    },
  };
}

function missingModelWarning(
  modelId: string,
  modelDir: string,
  offline: boolean,
  err: unknown,
  libraryMessages: string[],
): string {
  const target = join(modelDir, modelId);
  const download = offline
    ? 'unset OFFLINE once on a machine with internet so it downloads'
    : 'run once on a machine with internet so it downloads';
  return (
    `Semantic search is off: the embedding model ${modelId} could not be loaded (${shortReason(err, libraryMessages)}). ` +
    `Answers use keyword search only. To fix: ${download} into MODEL_DIR (${modelDir}), ` +
    `or copy the model files (${MODEL_FILES}) into ${target}/ and set MODEL_DIR=${modelDir} OFFLINE=1. ` +
    'SEARCH_MODE=lexical hides this warning.'
  );
}

/** The library's errors are long and name internal flags; keep what tells the reader the cause. */
function shortReason(err: unknown, libraryMessages: string[]): string {
  const error = err instanceof Error ? err : new Error(String(err));
  if (/can't create a session/i.test(error.message)) {
    const detail = libraryMessages[0]?.split('\n')[0]?.replace(/\.$/, '') ?? error.message;
    return `unreadable model file: ${detail}`;
  }
  const notFound = /not found locally at "([^"]+)"/.exec(error.message);
  if (notFound) return `missing file ${notFound[1]}`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error.message === 'fetch failed') return `no network: ${cause?.message ?? cause?.code ?? 'fetch failed'}`;
  const firstLine = error.message.split('\n')[0]!.trim().replace(/\.$/, '');
  return firstLine.length > 160 ? `${firstLine.slice(0, 157)}...` : firstLine;
}
