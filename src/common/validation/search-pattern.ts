/**
 * An ILIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally
 * (backslash is PostgreSQL's default LIKE escape). A trigram GIN index serves it.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
