/** What a secret is replaced with in logs and messages. */
export const REDACTED = '[secret]';

/** The shortest secret redacted by value: shorter strings would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * The forms a secret takes in text: as it is, JSON-escaped (inside a log line), and URL-encoded
 * (inside a request URL), longest first so that no form is left half replaced.
 */
function formsOf(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), encodeURI(secret), inUrl(secret)]);
  for (const form of [...forms]) forms.add(JSON.stringify(form).slice(1, -1));
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** The secret as a URL parser rewrites it inside a path (`\` becomes `/`, `"` becomes `%22`). */
function inUrl(secret: string): string {
  const base = 'http://h/bot';
  try {
    const href = new URL(`${base}${secret}/m`).href;
    return href.startsWith(base) && href.endsWith('/m') ? href.slice(base.length, -2) : secret;
  } catch {
    return secret;
  }
}

/** Removes every occurrence of `secret` (whatever its shape) from `text`. */
export function redactSecret(text: string, secret: string | undefined): string {
  const value = secret?.trim();
  if (!value || value.length < MIN_SECRET_LENGTH) return text;
  let out = text;
  for (const form of formsOf(value)) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** A function that removes each of `secrets` from a text; the identity when there are none. */
export function createRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const values = secrets.filter((s): s is string => Boolean(s?.trim()));
  if (values.length === 0) return (text) => text;
  return (text) => values.reduce((out, secret) => redactSecret(out, secret), text);
}
