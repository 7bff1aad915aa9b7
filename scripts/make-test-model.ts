/**
 * Writes a tiny BERT-shaped embedding model for tests: `npx tsx scripts/make-test-model.ts`.
 *
 * The graph is one embedding lookup (no attention), so it runs in milliseconds through the same
 * transformers.js + onnxruntime path as the real model. Its vocabulary is every word of the
 * bundled reports; a word and its accent-free spelling get nearly the same row, so vector search
 * over the test model behaves like a (very) small real one: `ho ngheo` lands next to `hộ nghèo`.
 * Output is deterministic: running it twice gives byte-identical files.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { fold } from '../src/text/normalize.js';

const { onnx } = onnxProto;

const TEST_MODEL_ID = 'ansinh/tiny-test-model';
const HIDDEN_SIZE = 64;
/** How far a spelling strays from its accent-free form: cosine ≈ 1 / √(1 + NOISE²) ≈ 0.99. */
const NOISE = 0.15;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;
/** Words tests and prefixes rely on even if the reports change. */
const EXTRA_WORDS = ['query', 'passage', 'hộ', 'nghèo', 'việc', 'làm', 'trẻ', 'em', 'người', 'có', 'công'];
/** Same split as the tokenizer's BertPreTokenizer, so the vocabulary covers what it emits. */
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const WORD_PATTERN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS_DIR = join(ROOT, 'data', 'reports');
const OUT_DIR = join(ROOT, 'test', 'fixtures', 'test-model', TEST_MODEL_ID);

function buildVocabulary(): string[] {
  const words = new Set<string>(EXTRA_WORDS);
  for (const file of readdirSync(REPORTS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const text = readFileSync(join(REPORTS_DIR, file), 'utf8').normalize('NFC').toLowerCase();
    for (const word of text.match(WORD_PATTERN) ?? []) words.add(word);
  }
  // Accent-free spellings too, so unaccented typing is not [UNK].
  for (const word of [...words]) words.add(fold(word));
  const sorted = [...words].filter((w) => !(SPECIAL_TOKENS as readonly string[]).includes(w));
  sorted.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...SPECIAL_TOKENS, ...sorted];
}

/** FNV-1a, to seed one generator per string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A unit vector drawn from a Gaussian seeded by `key`: the same key always gives the same vector. */
function seededUnitVector(key: string): number[] {
  const next = mulberry32(hash(key));
  const v: number[] = [];
  while (v.length < HIDDEN_SIZE) {
    const u1 = Math.max(next(), Number.EPSILON);
    const u2 = next();
    const r = Math.sqrt(-2 * Math.log(u1));
    v.push(r * Math.cos(2 * Math.PI * u2), r * Math.sin(2 * Math.PI * u2));
  }
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function embeddingRow(token: string): number[] {
  if (token === '[PAD]') return new Array<number>(HIDDEN_SIZE).fill(0);
  // Small but non-zero, so a text of only unknown words still has a direction.
  if (token.startsWith('[')) return seededUnitVector(`special:${token}`).map((x) => 0.05 * x);
  const base = seededUnitVector(`folded:${fold(token)}`);
  const noise = seededUnitVector(`word:${token}`);
  return base.map((x, i) => x + NOISE * noise[i]!);
}

function floatTensor(name: string, dims: number[], values: number[]) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(Float32Array.from(values).buffer),
  });
}

function tensorType(elemType: number, dims: (string | number)[]) {
  return onnx.TypeProto.create({
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  });
}

function buildModel(vocabSize: number, table: number[]): Uint8Array {
  const INT64 = onnx.TensorProto.DataType.INT64;
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const idsType = tensorType(INT64, ['batch_size', 'sequence_length']);
  const node = (opType: string, input: string[], output: string[], attribute: object[] = []) =>
    onnx.NodeProto.create({ opType, input, output, name: output[0], attribute });

  const graph = onnx.GraphProto.create({
    name: 'tiny_bert_embeddings',
    input: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) =>
      onnx.ValueInfoProto.create({ name, type: idsType }),
    ),
    output: [
      onnx.ValueInfoProto.create({
        name: 'last_hidden_state',
        type: tensorType(FLOAT, ['batch_size', 'sequence_length', HIDDEN_SIZE]),
      }),
    ],
    initializer: [
      floatTensor('word_embeddings', [vocabSize, HIDDEN_SIZE], table),
      // All zero, as in BERT's single-segment use; it exists so token_type_ids is consumed.
      floatTensor('token_type_embeddings', [2, HIDDEN_SIZE], new Array<number>(2 * HIDDEN_SIZE).fill(0)),
      onnx.TensorProto.create({ name: 'last_axis', dims: [1], dataType: INT64, int64Data: [-1] }),
    ],
    node: [
      node('Gather', ['word_embeddings', 'input_ids'], ['words']),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['segments']),
      node('Add', ['words', 'segments'], ['summed']),
      node(
        'Cast',
        ['attention_mask'],
        ['mask_float'],
        [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
      ),
      node('Unsqueeze', ['mask_float', 'last_axis'], ['mask_3d']),
      // Padding positions become zero, like a real encoder's output is ignored there.
      node('Mul', ['summed', 'mask_3d'], ['last_hidden_state']),
    ],
  });

  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'ansinh-bot make-test-model',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function tokenizerJson(vocab: string[]) {
  const id = (token: string) => vocab.indexOf(token);
  const special = (token: string) => ({
    id: id(token),
    content: token,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const piece = (kind: 'SpecialToken' | 'Sequence', tokenOrSeq: string, typeId: number) =>
    kind === 'SpecialToken'
      ? { SpecialToken: { id: tokenOrSeq, type_id: typeId } }
      : { Sequence: { id: tokenOrSeq, type_id: typeId } };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map(special),
    normalizer: {
      type: 'Sequence',
      normalizers: [
        // Reports mix composed and decomposed accents; the vocabulary is composed.
        { type: 'NFC' },
        { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
      ],
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [piece('SpecialToken', '[CLS]', 0), piece('Sequence', 'A', 0), piece('SpecialToken', '[SEP]', 0)],
      pair: [
        piece('SpecialToken', '[CLS]', 0),
        piece('Sequence', 'A', 0),
        piece('SpecialToken', '[SEP]', 0),
        piece('Sequence', 'B', 1),
        piece('SpecialToken', '[SEP]', 1),
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
    },
  };
}

function main(): void {
  const vocab = buildVocabulary();
  const table = vocab.flatMap(embeddingRow);
  const model = buildModel(vocab.length, table);

  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(join(OUT_DIR, 'onnx'), { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  // transformers.js loads model_quantized.onnx by default; the table is tiny, so both are the same.
  writeFileSync(join(OUT_DIR, 'onnx', 'model.onnx'), model);
  writeFileSync(join(OUT_DIR, 'onnx', 'model_quantized.onnx'), model);
  writeFileSync(
    join(OUT_DIR, 'config.json'),
    json({
      architectures: ['BertModel'],
      model_type: 'bert',
      hidden_size: HIDDEN_SIZE,
      vocab_size: vocab.length,
      num_hidden_layers: 0,
      num_attention_heads: 1,
      intermediate_size: HIDDEN_SIZE,
      max_position_embeddings: 512,
      type_vocab_size: 2,
      pad_token_id: 0,
    }),
  );
  writeFileSync(join(OUT_DIR, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab)));
  writeFileSync(
    join(OUT_DIR, 'tokenizer_config.json'),
    json({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      strip_accents: false,
      model_max_length: 512,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
    }),
  );
  console.log(`wrote ${TEST_MODEL_ID}: ${vocab.length} tokens × ${HIDDEN_SIZE} dims → ${OUT_DIR}`);
}

main();
