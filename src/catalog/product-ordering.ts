/** The product listing's `?ordering=`: one field, optionally descending; id breaks ties. */
export const ORDERING_FIELDS = ['id', 'name', 'price', 'stock'] as const;
export type OrderingField = (typeof ORDERING_FIELDS)[number];

export interface ProductOrdering {
  field: OrderingField;
  descending: boolean;
}

export const DEFAULT_ORDERING: ProductOrdering = { field: 'id', descending: false };

export const INVALID_ORDERING = `Invalid ordering. Use one of ${ORDERING_FIELDS.join(', ')}, optionally prefixed with "-".`;

/** "price" → price ascending, "-price" → descending; anything else → null. */
export function parseOrdering(text: string): ProductOrdering | null {
  const descending = text.startsWith('-');
  const field = descending ? text.slice(1) : text;
  return (ORDERING_FIELDS as readonly string[]).includes(field) ? { field: field as OrderingField, descending } : null;
}

export function orderingText(ordering: ProductOrdering): string {
  return `${ordering.descending ? '-' : ''}${ordering.field}`;
}
