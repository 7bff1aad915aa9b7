/** Why a report file could not be ingested. */
export type IngestErrorReason =
  | 'empty'
  | 'binary'
  | 'too_large'
  | 'unreadable'
  | 'encoding'
  | 'unsupported'
  /** A Word or PDF file that its reader cannot parse. */
  | 'malformed'
  /** A zip (DOCX) that unpacks to more than the limit. */
  | 'zip_bomb'
  /** A PDF with no text layer: a scan, which needs OCR. */
  | 'no_text';

/** A report file that cannot be turned into text; carries the file and the reason. */
export class IngestError extends Error {
  override readonly name = 'IngestError';

  constructor(
    message: string,
    readonly file: string,
    readonly reason: IngestErrorReason,
  ) {
    super(message);
  }
}
