import { formatReport, ImportReport } from './import-report.js';

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    source: 'db.sqlite3',
    dryRun: false,
    migrationsApplied: [],
    tables: [
      { table: 'auth_user', read: 8, written: 8, unchanged: 0, changed: 0, dropped: 0, seconds: 0.5 },
      { table: 'product_product', read: 200_000, written: 200_000, unchanged: 0, changed: 1, dropped: 0, seconds: 4 },
    ],
    notes: Array.from({ length: 25 }, (_, index) => ({
      table: 'product_product' as const,
      id: index + 1,
      rule: 'price-rounded' as const,
      kind: 'changed' as const,
      detail: `product ${index + 1}: price rounded`,
    })),
    seconds: 5,
    ...overrides,
  };
}

describe('formatReport', () => {
  it('prints one row per table with rows per second, and the notes of each rule', () => {
    const text = formatReport(report());
    expect(text).toContain('Imported from db.sqlite3.');
    expect(text).toMatch(/^product_product → products\s+200,000\s+200,000\s+0\s+1\s+0\s+4\.00\s+50,000$/m);
    expect(text).toMatch(/^total\s+200,008\s+200,008\s+0\s+1\s+0\s+5\.00\s+40,002$/m);
    expect(text).toContain('prices with a third decimal, rounded half-up to cents: 25');
    expect(text).toContain('  changed  product 20: price rounded');
    expect(text).not.toContain('product 21: price rounded');
    expect(text).toContain('… and 5 more');
    expect(text).not.toContain('Nothing changed');
  });

  it('says when nothing changed, and what a dry run would do', () => {
    const unchanged = report({ tables: report().tables.map((table) => ({ ...table, written: 0, unchanged: table.read })) });
    expect(formatReport(unchanged)).toContain('Nothing changed: Storedeal already holds this data.');
    const dry = formatReport(report({ dryRun: true, migrationsApplied: ['UserNames1764460800000'] }));
    expect(dry).toContain('nothing was written');
    expect(dry).toContain('Would apply migrations first: UserNames1764460800000.');
    expect(dry).toMatch(/^table\s+read\s+to write\s/m);
    expect(dry).toContain('Run again without --dry-run to write it.');
  });
});
