/** Why a report file could not be ingested. */
export type IngestErrorReason = 'empty' | 'binary' | 'too_large' | 'unreadable' | 'encoding' | 'unsupported';

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
