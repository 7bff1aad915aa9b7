import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { FORMAT_LIST, isReportFile } from './convert/registry.js';

/** Per report file, everything optional; what it leaves out is detected from the text. */
export const ManifestEntrySchema = z
  .object({
    title: z.string().min(1).optional(),
    province: z.string().min(1).optional(),
    period: z.string().min(1).optional(),
    // Shown to users as a link: `javascript:` or `data:` would run or mislead in their app.
    source_url: z
      .string()
      .url()
      .refine((url) => /^https?:\/\//i.test(url), 'only http:// and https:// links are accepted')
      .optional(),
    published: z.string().min(1).optional(),
  })
  .strict();

export const ManifestSchema = z.record(z.string(), ManifestEntrySchema);

export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;
export type Manifest = z.infer<typeof ManifestSchema>;

/**
 * Reads `reports.json` beside (or inside) the reports folder. A broken manifest
 * is a warning, never a failed ingest: detection from the text takes over.
 */
export function loadManifest(path: string): { manifest: Manifest; warnings: string[] } {
  if (!existsSync(path)) return { manifest: {}, warnings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { manifest: {}, warnings: [`${path}: not valid JSON (${(error as Error).message}); manifest ignored`] };
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { manifest: {}, warnings: [`${path}: ${issues}; manifest ignored`] };
  }
  // The formats are the converter registry's: an entry for any other file can never apply.
  const warnings: string[] = [];
  const manifest: Manifest = {};
  for (const [file, entry] of Object.entries(parsed.data)) {
    if (isReportFile(file)) manifest[file] = entry;
    else warnings.push(`${path}: "${file}" is not a report file (${FORMAT_LIST}); its entry is ignored`);
  }
  return { manifest, warnings };
}
