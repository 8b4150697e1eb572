import { getMetadataStorage } from 'class-validator';
import { isFormBody, selectFields } from '../http/body-parsers.js';

type Dto = abstract new (...args: never[]) => object;

const nestedByDto = new WeakMap<object, Map<string, Dto>>();
const declaredByDto = new WeakMap<object, Set<string>>();

/** Records that `property` of a DTO holds another DTO (NestedField calls it). */
export function declareNested(target: object, property: string, dto: Dto): void {
  const owner = target.constructor;
  const nested = nestedByDto.get(owner) ?? new Map<string, Dto>();
  nested.set(property, dto);
  nestedByDto.set(owner, nested);
}

/** The properties a DTO validates: exactly what the pipe's whitelist keeps. */
function declaredFields(dto: Dto): Set<string> {
  let fields = declaredByDto.get(dto);
  if (!fields) {
    fields = new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((metadata) => metadata.propertyName));
    declaredByDto.set(dto, fields);
  }
  return fields;
}

function nestedFields(dto: Dto): Map<string, Dto> {
  const nested = new Map<string, Dto>();
  for (let owner: unknown = dto; typeof owner === 'function' && owner !== Function.prototype; owner = Object.getPrototypeOf(owner)) {
    for (const [property, type] of nestedByDto.get(owner) ?? []) if (!nested.has(property)) nested.set(property, type);
  }
  return nested;
}

/** A JSON object: not null, not a list. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The body (or query) with only the fields `dto` declares, before class-transformer sees it:
 * class-transformer copies every key it is given (de-duplicating them in quadratic time) and
 * recurses into every object, so unknown keys are dropped here and a list or object where a
 * scalar belongs is replaced by an empty one of its kind (which gets the same DRF message: the
 * messages name only the type). A nested DTO's object is narrowed the same way; in a form,
 * its `field.subfield` names are kept for the nested field to read.
 */
export function onlyDeclaredFields(dto: Dto, body: Record<string, unknown>): Record<string, unknown> {
  const declared = declaredFields(dto);
  const nested = nestedFields(dto);
  if (isFormBody(body)) {
    const prefixes = [...nested.keys()].map((field) => `${field}.`);
    return selectFields(body, (name) => declared.has(name) || prefixes.some((prefix) => name.startsWith(prefix)));
  }
  const kept: Record<string, unknown> = {};
  for (const field of declared) {
    if (!Object.hasOwn(body, field)) continue;
    const value = body[field];
    const nestedDto = nested.get(field);
    if (nestedDto && isPlainObject(value)) kept[field] = onlyDeclaredFields(nestedDto, value);
    else if (Array.isArray(value)) kept[field] = [];
    else if (isPlainObject(value)) kept[field] = {};
    else kept[field] = value;
  }
  return kept;
}
