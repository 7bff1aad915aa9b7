import type { VectorHit } from './vectorIndex.js';

/** What this file uses of WebAssembly (the project's lib is ES2023, without the web platform's declarations). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * The live vectors (unit length) in one block of WebAssembly memory, for exact
 * nearest-neighbour search within a scope (one province's passages). The dot
 * products run in a small SIMD kernel, four lanes at a time: about five times
 * the speed of a JavaScript loop, which made a province's search at national
 * scale (5,000 vectors of 384 dimensions) cost more than the rest of retrieval.
 *
 * Memory layout: the kernel's scratch (the query, a batch of slots, their
 * scores) in the first pages, then one row of `dimension` float32 per slot.
 * WebAssembly memory holds at most 4 GB: 2.7 million vectors of 384 dimensions.
 */
export class VectorSlab {
  private readonly memory: WasmMemory;
  private readonly kernel: DotKernel | null;
  /** Slot + 1 of each label (0: none), indexed by label: labels are row ids, dense from 1. */
  private slotByLabel = new Int32Array(0);
  /** Labels too large to index densely. */
  private readonly farSlots = new Map<number, number>();
  private readonly rowsAt: number;
  private capacity: number;
  private used = 0;

  constructor(
    private readonly dimension: number,
    capacity = 0,
  ) {
    if (dimension > MAX_DIMENSION) throw new Error(`VectorSlab: ${dimension} dimensions, at most ${MAX_DIMENSION}`);
    this.rowsAt = Math.ceil((SLOTS_AT + 2 * BATCH * 4) / PAGE) * PAGE;
    this.capacity = Math.max(capacity, MIN_ROWS);
    this.memory = new wasm.Memory({ initial: this.pagesFor(this.capacity) });
    this.kernel = dimension % 4 === 0 ? loadKernel(this.memory) : null;
  }

  /** Stores `vector` for `label`, scaled to unit length (a label seen before keeps its row). */
  set(label: number, vector: ArrayLike<number>): void {
    const row = this.rowOf(this.slot(label));
    let norm = 0;
    for (let d = 0; d < this.dimension; d++) norm += vector[d]! * vector[d]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < this.dimension; d++) row[d] = vector[d]! * scale;
  }

  /** Stores a vector already of unit length (read back from a saved index) as it is. */
  setUnit(label: number, vector: Float32Array): void {
    this.rowOf(this.slot(label)).set(vector);
  }

  /** Forgets a label's vector (its row stays unused). */
  remove(label: number): void {
    if (isDense(label)) {
      if (label < this.slotByLabel.length) this.slotByLabel[label] = 0;
    } else {
      this.farSlots.delete(label);
    }
  }

  /** Top `k` by cosine among `labels` that the slab holds, best first. */
  nearest(vector: Float32Array, k: number, labels: Iterable<number>): VectorHit[] {
    const dim = this.dimension;
    const buffer = this.memory.buffer;
    const query = new Float32Array(buffer, QUERY_AT, dim);
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += vector[d]! * vector[d]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) query[d] = vector[d]! * scale;

    const slots = new Int32Array(buffer, SLOTS_AT, BATCH);
    const scores = new Float32Array(buffer, this.scoresAt(), BATCH);
    const batchLabels = new Array<number>(BATCH);
    const top: VectorHit[] = [];
    let n = 0;
    const flush = () => {
      this.dots(n);
      for (let i = 0; i < n; i++) keepTop(top, k, batchLabels[i]!, scores[i]!);
      n = 0;
    };
    for (const label of labels) {
      const slot = this.slotOf(label);
      if (slot < 0) continue;
      slots[n] = slot;
      batchLabels[n++] = label;
      if (n === BATCH) flush();
    }
    if (n > 0) flush();
    return top;
  }

  /** Scores of the first `n` slots of the batch against the query, into the batch's scores. */
  private dots(n: number): void {
    const dim = this.dimension;
    if (this.kernel) {
      this.kernel(QUERY_AT, SLOTS_AT, n, dim * 4, this.rowsAt, this.scoresAt());
      return;
    }
    const buffer = this.memory.buffer;
    const query = new Float32Array(buffer, QUERY_AT, dim);
    const slots = new Int32Array(buffer, SLOTS_AT, n);
    const scores = new Float32Array(buffer, this.scoresAt(), n);
    const rows = new Float32Array(buffer, this.rowsAt, this.capacity * dim);
    for (let i = 0; i < n; i++) {
      const base = slots[i]! * dim;
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += rows[base + d]! * query[d]!;
      scores[i] = dot;
    }
  }

  private scoresAt(): number {
    return SLOTS_AT + BATCH * 4;
  }

  /** The label's row, or -1 when the slab does not hold it. */
  private slotOf(label: number): number {
    return isDense(label) ? (this.slotByLabel[label] ?? 0) - 1 : (this.farSlots.get(label) ?? -1);
  }

  /** The label's row, a new one for a label not held (a removed label gets a new row too). */
  private slot(label: number): number {
    const known = this.slotOf(label);
    if (known >= 0) return known;
    const slot = this.used++;
    if (slot >= this.capacity) this.grow(Math.ceil(this.capacity * GROWTH) + MIN_ROWS);
    if (isDense(label)) {
      if (label >= this.slotByLabel.length) {
        const grown = new Int32Array(
          Math.min(MAX_DENSE_LABEL, Math.max(label + 1, Math.ceil(this.slotByLabel.length * GROWTH))),
        );
        grown.set(this.slotByLabel);
        this.slotByLabel = grown;
      }
      this.slotByLabel[label] = slot + 1;
    } else {
      this.farSlots.set(label, slot);
    }
    return slot;
  }

  private rowOf(slot: number): Float32Array {
    return new Float32Array(this.memory.buffer, this.rowsAt + slot * this.dimension * 4, this.dimension);
  }

  private grow(capacity: number): void {
    const pages = this.pagesFor(capacity) - this.memory.buffer.byteLength / PAGE;
    try {
      if (pages > 0) this.memory.grow(pages);
    } catch (error) {
      throw new Error(
        `VectorSlab: ${capacity} vectors of ${this.dimension} dimensions do not fit WebAssembly's 4 GB (${(error as Error).message})`,
      );
    }
    this.capacity = capacity;
  }

  private pagesFor(rows: number): number {
    return Math.ceil((this.rowsAt + rows * this.dimension * 4) / PAGE);
  }
}

const PAGE = 65_536;
/** Slots scored per call into the kernel. */
const BATCH = 4096;
/** Room for the query (embedding models have at most a few thousand dimensions). */
const MAX_DIMENSION = 8192;
const QUERY_AT = 0;
/** The batch's slots follow the query's room, then their scores. */
const SLOTS_AT = MAX_DIMENSION * 4;
const GROWTH = 1.5;
/** Labels below this are looked up in an array (4 bytes each), above it in a map. */
const MAX_DENSE_LABEL = 1 << 26;
/** Smallest step when growing, so a slab opened empty does not grow one row at a time. */
const MIN_ROWS = 256;

/** Labels kept in the array rather than the map: whole numbers below `MAX_DENSE_LABEL`. */
function isDense(label: number): boolean {
  return Number.isInteger(label) && label >= 0 && label < MAX_DENSE_LABEL;
}

/** Puts `label` into `top` (best first, at most `k`) if it scores above the last kept. */
function keepTop(top: VectorHit[], k: number, label: number, score: number): void {
  if (top.length === k && score <= top[k - 1]!.score) return;
  let j = top.length < k ? top.length : k - 1;
  if (top.length < k) top.push({ label, score });
  while (j > 0 && top[j - 1]!.score < score) {
    top[j] = top[j - 1]!;
    j--;
  }
  top[j] = { label, score };
}

/**
 * `dots(query, slots, count, rowBytes, rowsAt, scores)`: for each of the `count` slot numbers at
 * `slots`, the dot product of the query with the row at `rowsAt + slot * rowBytes`, into `scores`
 * (all byte offsets into the memory; `rowBytes` a multiple of 16).
 */
type DotKernel = (
  query: number,
  slots: number,
  count: number,
  rowBytes: number,
  rowsAt: number,
  scores: number,
) => void;

/** The kernel over `memory`, or null where WebAssembly SIMD is not available (a JavaScript loop then). */
function loadKernel(memory: WasmMemory): DotKernel | null {
  if (!wasm.validate(KERNEL_WASM)) return null;
  const instance = new wasm.Instance(new wasm.Module(KERNEL_WASM), { env: { memory } });
  return instance.exports.dots as DotKernel;
}

/**
 * The kernel's WebAssembly, written out from its text form:
 *
 *   (func (export "dots") (param $q $slots $count $rowBytes $rowsAt $out i32)
 *     (local $i $row $d i32) (local $acc v128)
 *     (loop over $i < $count
 *       $row = $rowsAt + i32.load($slots + $i * 4) * $rowBytes
 *       $acc = 0
 *       (loop over $d < $rowBytes, step 16
 *         $acc = f32x4.add($acc, f32x4.mul(v128.load($row + $d), v128.load($q + $d))))
 *       f32.store($out + $i * 4, lane0 + lane1 + lane2 + lane3 of $acc)))
 */
const KERNEL_WASM = assembleKernel();

function assembleKernel(): Uint8Array {
  const I32 = 0x7f;
  const V128 = 0x7b;
  const [Q, SLOTS, COUNT, ROW_BYTES, ROWS_AT, OUT, I, ROW, D, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const get = (local: number) => [0x20, local];
  const set = (local: number) => [0x21, local];
  const i32 = (n: number) => [0x41, ...signedLeb(n)];
  const simd = (op: number) => [0xfd, ...leb(op)];
  const op = {
    block: [0x02, 0x40],
    loop: [0x03, 0x40],
    end: [0x0b],
    br: (depth: number) => [0x0c, depth],
    brIf: (depth: number) => [0x0d, depth],
    i32Add: [0x6a],
    i32Mul: [0x6c],
    i32Shl: [0x74],
    i32GeU: [0x4f],
    i32Load: [0x28, 2, 0],
    f32Store: [0x38, 2, 0],
    f32Add: [0x92],
    v128Load: [...simd(0), 0, 0],
    v128Zero: [...simd(12), ...new Array<number>(16).fill(0)],
    f32x4Add: simd(228),
    f32x4Mul: simd(230),
    lane: (n: number) => [...simd(31), n],
  };
  // prettier-ignore
  const body = [
    ...op.block,
    ...op.loop,
    ...get(I), ...get(COUNT), ...op.i32GeU, ...op.brIf(1),
    ...get(ROWS_AT), ...get(SLOTS), ...get(I), ...i32(2), ...op.i32Shl, ...op.i32Add, ...op.i32Load,
    ...get(ROW_BYTES), ...op.i32Mul, ...op.i32Add, ...set(ROW),
    ...op.v128Zero, ...set(ACC),
    ...i32(0), ...set(D),
    ...op.block,
    ...op.loop,
    ...get(D), ...get(ROW_BYTES), ...op.i32GeU, ...op.brIf(1),
    ...get(ACC),
    ...get(ROW), ...get(D), ...op.i32Add, ...op.v128Load,
    ...get(Q), ...get(D), ...op.i32Add, ...op.v128Load,
    ...op.f32x4Mul, ...op.f32x4Add, ...set(ACC),
    ...get(D), ...i32(16), ...op.i32Add, ...set(D),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...get(OUT), ...get(I), ...i32(2), ...op.i32Shl, ...op.i32Add,
    ...get(ACC), ...op.lane(0), ...get(ACC), ...op.lane(1), ...op.f32Add,
    ...get(ACC), ...op.lane(2), ...get(ACC), ...op.lane(3), ...op.f32Add, ...op.f32Add,
    ...op.f32Store,
    ...get(I), ...i32(1), ...op.i32Add, ...set(I),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.end,
  ];
  const code = [
    ...vector([
      [3, I32],
      [1, V128],
    ]),
    ...body,
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector(new Array(6).fill([I32])), 0]])),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...name('dots'), 0x00, 0]])),
    ...section(10, vector([[...leb(code.length), ...code]])),
  ]);
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

function signedLeb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

function vector(items: number[][]): number[] {
  return [...leb(items.length), ...items.flat()];
}

function section(id: number, bytes: number[]): number[] {
  return [id, ...leb(bytes.length), ...bytes];
}

function name(text: string): number[] {
  return [...leb(text.length), ...new TextEncoder().encode(text)];
}
