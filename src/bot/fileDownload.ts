/** Telegram's own Bot API server, used when `TELEGRAM_API_ROOT` is unset. */
export const DEFAULT_API_ROOT = 'https://api.telegram.org';

export class FileDownloadError extends Error {
  override name = 'FileDownloadError';
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/**
 * Downloads a file that `getFile` returned. The URL carries the bot token, so it appears in no
 * error message and no log line; failures report the HTTP status only.
 */
export async function downloadTelegramFile(
  apiRoot: string,
  token: string,
  filePath: string,
  maxBytes: number,
): Promise<Buffer> {
  const url = `${apiRoot}/file/bot${token}/${filePath.split('/').map(encodeURIComponent).join('/')}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'network error';
    throw new FileDownloadError(`file download failed: ${reason}`);
  }
  if (!res.ok) throw new FileDownloadError(`file download failed: HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new FileDownloadError(`file larger than ${maxBytes} bytes`, true);
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > maxBytes) throw new FileDownloadError(`file larger than ${maxBytes} bytes`, true);
  return body;
}
