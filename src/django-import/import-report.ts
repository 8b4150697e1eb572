import type { DjangoTable } from './django-rows.js';
import type { Note, Rule } from './import-plan.js';

export const TARGET_TABLES: Record<DjangoTable, string> = {
  auth_user: 'users',
  product_category: 'categories',
  product_product: 'products',
  carts_cartitem: 'cart_items',
};

export interface TableReport {
  table: DjangoTable;
  /** Rows read from Django. */
  read: number;
  /** Rows inserted into Storedeal or updated there (would be, in a dry run). */
  written: number;
  /** Rows Storedeal already held as they are, or left as they were since Django has not changed them. */
  unchanged: number;
  /** Rows stored differently from Django by a rule (a subset of written + unchanged). */
  changed: number;
  /** Rows not stored as a row of their own (merged into another, or not allowed). */
  dropped: number;
  /** Time spent reading, planning and writing this table. */
  seconds: number;
}

export interface ImportReport {
  source: string;
  dryRun: boolean;
  migrationsApplied: string[];
  tables: TableReport[];
  notes: Note[];
  seconds: number;
}

/** Distinct rows per table that have a note of this kind. */
export function countNotes(notes: Note[], table: DjangoTable, kind: Note['kind']): number {
  return new Set(notes.filter((note) => note.table === table && note.kind === kind).map((note) => note.id)).size;
}

export function nothingWritten(report: ImportReport): boolean {
  return report.tables.every((table) => table.written === 0);
}

const RULE_TITLES: Record<Rule, string> = {
  'category-merged': 'categories equal ignoring case, merged into the lowest id',
  'product-category-moved': 'products moved to the category theirs was merged into',
  'price-rounded': 'prices with a third decimal, rounded half-up to cents',
  'cart-quantity-zero': 'cart lines with quantity 0, dropped',
  'cart-lines-merged': 'two or more lines for one product, merged (quantities added)',
  'cart-quantity-capped': 'quantities above 1000, capped at 1000',
  'cart-above-stock': 'quantities above the stock, kept (the cart shows the stock)',
  'unusable-password': 'unusable passwords (Django\'s "!…"), kept: no password logs in',
  'unverifiable-password': 'password hashes Storedeal cannot verify, kept: a password reset sets a new one',
  'cannot-hold': 'rows past what Storedeal can hold, not imported',
  'missing-reference': 'rows whose user, product or category is not imported, not imported',
  'gone-from-django': 'rows imported earlier and no longer in Django, left as they are',
};

const number = (value: number) => value.toLocaleString('en');

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join('  ');
}

/** The summary printed at the end: the table, then every rule that applied with its rows. */
export function formatReport(report: ImportReport, notesPerRule = 20): string {
  const lines: string[] = [];
  lines.push(report.dryRun ? `Dry run of the import from ${report.source}: nothing was written.` : `Imported from ${report.source}.`);
  if (report.migrationsApplied.length > 0) {
    lines.push(`${report.dryRun ? 'Would apply' : 'Applied'} migrations first: ${report.migrationsApplied.join(', ')}.`);
  }
  lines.push('');
  const header = ['table', 'read', report.dryRun ? 'to write' : 'written', 'unchanged', 'changed', 'dropped', 'seconds', 'rows/s'];
  const rows = report.tables.map((table) => [
    `${table.table} → ${TARGET_TABLES[table.table]}`,
    number(table.read),
    number(table.written),
    number(table.unchanged),
    number(table.changed),
    number(table.dropped),
    table.seconds.toFixed(2),
    number(Math.round(table.read / Math.max(table.seconds, 0.001))),
  ]);
  const total = (key: 'read' | 'written' | 'unchanged' | 'changed' | 'dropped') => report.tables.reduce((sum, table) => sum + table[key], 0);
  const totalRead = total('read');
  rows.push([
    'total',
    number(totalRead),
    number(total('written')),
    number(total('unchanged')),
    number(total('changed')),
    number(total('dropped')),
    report.seconds.toFixed(2),
    number(Math.round(totalRead / Math.max(report.seconds, 0.001))),
  ]);
  const widths = header.map((_, index) => Math.max(header[index].length, ...rows.map((row) => row[index].length)));
  lines.push(pad(header, widths), ...rows.map((row) => pad(row, widths)));

  const byRule = new Map<Rule, Note[]>((Object.keys(RULE_TITLES) as Rule[]).map((rule) => [rule, []]));
  for (const note of report.notes) {
    const notes = byRule.get(note.rule) ?? [];
    notes.push(note);
    byRule.set(note.rule, notes);
  }
  for (const [rule, notes] of byRule) {
    if (notes.length === 0) continue;
    lines.push('', `${RULE_TITLES[rule]}: ${number(notes.length)}`);
    for (const note of notes.slice(0, notesPerRule)) lines.push(`  ${note.kind.padEnd(7)}  ${note.detail}`);
    if (notes.length > notesPerRule) lines.push(`  … and ${number(notes.length - notesPerRule)} more`);
  }

  lines.push('');
  if (nothingWritten(report)) {
    lines.push('Nothing changed: Storedeal already holds this data.');
  } else if (report.dryRun) {
    lines.push('Run again without --dry-run to write it.');
  }
  return lines.join('\n');
}
