import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { DjangoTable } from './django-rows.js';

/** Ids per stored chunk: row id / CHUNK_SIZE names the chunk. */
const CHUNK_SIZE = 10_000;

const SELECT_FINGERPRINTS = `
  SELECT d.id::text AS id, d.fingerprint
  FROM django_import_rows r, unnest(r.django_ids, r.fingerprints) AS d(id, fingerprint)
  WHERE r.django_table = $1`;

const SAVE_CHUNK = `
  INSERT INTO django_import_rows (django_table, chunk, django_ids, fingerprints)
  VALUES ($1, $2, $3::bigint[], $4::varchar[])
  ON CONFLICT (django_table, chunk) DO UPDATE
  SET django_ids = EXCLUDED.django_ids, fingerprints = EXCLUDED.fingerprints, imported_at = now()`;

/** Only tells whether Django's values changed since the last import, so a short digest will do. */
export function fingerprint(values: unknown[]): string {
  return createHash('md5').update(JSON.stringify(values)).digest('base64url');
}

/** Django id → fingerprint of the values an earlier import wrote for it. */
export async function loadFingerprints(runner: QueryRunner, table: DjangoTable): Promise<Map<number, string>> {
  const rows: Array<{ id: string; fingerprint: string }> = await runner.query(SELECT_FINGERPRINTS, [table]);
  return new Map(rows.map((row) => [Number(row.id), row.fingerprint]));
}

/** Stores `updates` on top of `recorded`, rewriting only the chunks they touch. */
export async function saveFingerprints(
  runner: QueryRunner,
  table: DjangoTable,
  recorded: Map<number, string>,
  updates: Map<number, string>,
): Promise<void> {
  if (updates.size === 0) return;
  const touched = new Set([...updates.keys()].map((id) => Math.floor(id / CHUNK_SIZE)));
  const chunks = new Map<number, { ids: number[]; fingerprints: string[] }>();
  for (const [id, print] of [...new Map([...recorded, ...updates])].sort(([a], [b]) => a - b)) {
    const chunk = Math.floor(id / CHUNK_SIZE);
    if (!touched.has(chunk)) continue;
    const entry = chunks.get(chunk) ?? { ids: [], fingerprints: [] };
    entry.ids.push(id);
    entry.fingerprints.push(print);
    chunks.set(chunk, entry);
  }
  for (const [chunk, { ids, fingerprints }] of chunks) await runner.query(SAVE_CHUNK, [table, chunk, ids, fingerprints]);
}
