import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { loadEmbedder, profileFor, type Embedder } from '../../src/search/embedder.js';

/** Built by scripts/make-test-model.ts: a real ONNX model, loaded through the product's own path. */
const TEST_MODEL_DIR = join(import.meta.dirname, '..', 'fixtures', 'test-model');
const TEST_MODEL_ID = 'ansinh/tiny-test-model';
const REAL_MODEL_ID = 'Xenova/multilingual-e5-small';
const logger = createLogger('silent');

const norm = (v: Float32Array) => Math.hypot(...v);
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

async function loadTestModel(options: Partial<Parameters<typeof loadEmbedder>[0]> = {}): Promise<Embedder> {
  const load = await loadEmbedder({
    modelId: TEST_MODEL_ID,
    modelDir: TEST_MODEL_DIR,
    offline: true,
    logger,
    ...options,
  });
  if (!load.embedder) throw new Error(`test model did not load: ${load.warning}`);
  return load.embedder;
}

describe('loadEmbedder with the test model', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadTestModel();
  });

  test('reads the dimension from the warm-up inference', () => {
    expect(embedder.modelId).toBe(TEST_MODEL_ID);
    expect(embedder.dimension).toBe(64);
  });

  test('returns one L2-normalised vector of the model dimension per text', async () => {
    const vectors = await embedder.embed(['Tỷ lệ hộ nghèo giảm', 'giải quyết việc làm', 'xyzzy'], 'passage');
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(64);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  test('returns nothing for no texts', async () => {
    expect(await embedder.embed([], 'query')).toEqual([]);
  });

  test('gives the same vectors in small batches as in one batch', async () => {
    const texts = [
      'hộ nghèo',
      'Sở Lao động – Thương binh và Xã hội tỉnh',
      'trẻ em',
      'giải quyết việc làm cho người lao động',
      'có',
    ];
    const oneByOne = await (await loadTestModel({ batchSize: 1 })).embed(texts, 'passage');
    const together = await embedder.embed(texts, 'passage');
    together.forEach((v, i) => v.forEach((x, j) => expect(x).toBeCloseTo(oneByOne[i]![j]!, 6)));
  });

  test('puts an accent-free spelling next to the accented one', async () => {
    // The fixture derives each word's row from its accent-free form, so this holds by construction.
    const [accented, plain, other] = await embedder.embed(['hộ nghèo', 'ho ngheo', 'trẻ em'], 'query');
    expect(cosine(accented!, plain!)).toBeGreaterThan(0.9);
    expect(cosine(accented!, other!)).toBeLessThan(0.5);
  });
});

describe('embedder profiles', () => {
  test('e5 models get query/passage prefixes, other models none', () => {
    expect(profileFor(REAL_MODEL_ID)).toEqual({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect(profileFor('intfloat/multilingual-e5-base')).toEqual({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect(profileFor(TEST_MODEL_ID)).toEqual({ queryPrefix: '', passagePrefix: '' });
  });

  test('the test model embeds queries and passages alike', async () => {
    const embedder = await loadTestModel();
    const [query] = await embedder.embed(['hộ nghèo'], 'query');
    const [passage] = await embedder.embed(['hộ nghèo'], 'passage');
    expect(Array.from(query!)).toEqual(Array.from(passage!));
  });

  test('a prefixed profile puts its prefix before each text', async () => {
    const plain = await loadTestModel();
    const e5 = await loadTestModel({ profile: { queryPrefix: 'query: ', passagePrefix: 'passage: ' } });
    const [query] = await e5.embed(['hộ nghèo'], 'query');
    const [passage] = await e5.embed(['hộ nghèo'], 'passage');
    const [expectedQuery, expectedPassage] = await plain.embed(['query: hộ nghèo', 'passage: hộ nghèo'], 'query');
    query!.forEach((x, i) => expect(x).toBeCloseTo(expectedQuery![i]!, 6));
    passage!.forEach((x, i) => expect(x).toBeCloseTo(expectedPassage![i]!, 6));
    expect(cosine(query!, passage!)).toBeLessThan(0.999);
  });
});

describe('loadEmbedder downloading a model', () => {
  test('saves the files into MODEL_DIR, logging progress, and later loads them offline', async () => {
    // Stands in for the Hugging Face hub: same URL layout, serving the fixture's files.
    const server = createHttpServer((req, res) => {
      const match = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
      const path = match ? join(TEST_MODEL_DIR, decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)) : '';
      if (!path || !existsSync(path)) return void res.writeHead(404).end();
      const body = readFileSync(path);
      res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const modelDir = mkdtempSync(join(tmpdir(), 'ansinh-download-'));
    const messages: string[] = [];
    const logging = pino({ level: 'info' }, { write: (line: string) => messages.push(JSON.parse(line).msg) });
    try {
      const first = await loadEmbedder({
        modelId: TEST_MODEL_ID,
        modelDir,
        offline: false,
        logger: logging,
        progress: 'log',
        remoteHost: `http://127.0.0.1:${port}/`,
      });
      expect(first.warning).toBeNull();
      expect(existsSync(join(modelDir, TEST_MODEL_ID, 'onnx', 'model_quantized.onnx'))).toBe(true);
      expect(messages).toContain('downloading model file');
      expect(messages).toContain('model file downloaded');

      server.close();
      const again = await loadEmbedder({ modelId: TEST_MODEL_ID, modelDir, offline: true, logger });
      expect(again.embedder?.dimension).toBe(first.embedder?.dimension);
    } finally {
      server.close();
      rmSync(modelDir, { recursive: true, force: true });
    }
  });
});

describe('loadEmbedder without a usable model', () => {
  let emptyDir: string;
  beforeAll(() => {
    emptyDir = mkdtempSync(join(tmpdir(), 'ansinh-models-'));
  });
  afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

  test('returns one warning, quickly, when the model is missing offline', async () => {
    const started = Date.now();
    const load = await loadEmbedder({ modelId: REAL_MODEL_ID, modelDir: emptyDir, offline: true, logger });
    // Fails fast instead of hanging; the bound is loose on purpose (shared machines are noisy).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(load.embedder).toBeNull();
    expect(load.warning).toContain(`missing file ${join(emptyDir, REAL_MODEL_ID)}`);
    expect(load.warning).toContain('MODEL_DIR');
    expect(load.warning).toContain('OFFLINE=1');
    expect(load.warning).toContain(`${join(emptyDir, REAL_MODEL_ID)}/`);
    expect(load.warning).toContain('onnx/model_quantized.onnx');
    expect(load.warning).toContain('SEARCH_MODE=lexical');
  });

  test('returns a warning naming the cause when the model file is unreadable', async () => {
    const dir = join(emptyDir, 'broken');
    cpSync(TEST_MODEL_DIR, dir, { recursive: true });
    writeFileSync(join(dir, TEST_MODEL_ID, 'onnx', 'model_quantized.onnx'), 'not a model');
    const load = await loadEmbedder({ modelId: TEST_MODEL_ID, modelDir: dir, offline: true, logger });
    expect(load.embedder).toBeNull();
    expect(load.warning).toMatch(/unreadable model file: .*protobuf/);
  });

  test('gives up on a download that stalls', async () => {
    // A server that accepts connections and never answers: what a filtered network looks like.
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const started = Date.now();
      const load = await loadEmbedder({
        modelId: REAL_MODEL_ID,
        modelDir: emptyDir,
        offline: false,
        logger,
        remoteHost: `http://127.0.0.1:${port}/`,
        stallTimeoutMs: 300,
      });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(load.embedder).toBeNull();
      expect(load.warning).toContain('download stalled');
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });
});
