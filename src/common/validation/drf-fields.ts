import { applyDecorators, Type as ClassType } from '@nestjs/common';
import { Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { ValidateBy, ValidateNested, ValidationArguments } from 'class-validator';
import { formDict, isFormBody } from '../http/body-parsers.js';
import { decimalPrecision, formatDecimal, parseDecimal } from '../money.js';
import { declareNested, isPlainObject } from './declared-fields.js';
import { Msg } from './drf-messages.js';

/**
 * DRF-style serializer fields as class-validator decorators. Each field normalises its
 * input the way DRF's `to_internal_value` does (trimming, "12" → 12, 12.5 → "12.50") and
 * reports exactly one DRF message when the value is bad.
 */
interface FieldOptions {
  /** Missing value → "This field is required." (default true; PATCH bodies pass false). */
  required?: boolean;
  allowNull?: boolean;
}

type Check = (value: unknown) => string | null;

function presence(options: FieldOptions, value: unknown): string | null | 'skip' {
  if (value === undefined) return options.required === false ? 'skip' : Msg.required;
  if (value === null) return options.allowNull ? 'skip' : Msg.null;
  return null;
}

function drfField(name: string, options: FieldOptions, normalize: (value: unknown) => unknown, check: Check) {
  const firstError = (value: unknown): string | null => {
    const missing = presence(options, value);
    if (missing === 'skip') return null;
    return missing ?? check(value);
  };
  return applyDecorators(
    Transform(({ value }) => (value === undefined || value === null ? value : normalize(value))),
    ValidateBy({
      name,
      validator: {
        validate: (value: unknown) => firstError(value) === null,
        defaultMessage: (args?: ValidationArguments) => firstError(args?.value) ?? '',
      },
    }),
  );
}

export interface StringFieldOptions extends FieldOptions {
  maxLength?: number;
  allowBlank?: boolean;
  /** DRF trims surrounding whitespace by default; passwords keep theirs. */
  trim?: boolean;
  /** Extra validator run on a well-formed string, returning a message or null. */
  validate?: (value: string) => string | null;
}

export function StringField(options: StringFieldOptions = {}) {
  const trim = options.trim ?? true;
  const normalize = (value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
    return typeof value === 'string' && trim ? value.trim() : value;
  };
  return drfField('drfString', options, normalize, (value) => {
    if (typeof value !== 'string') return Msg.notString;
    if (value === '') return options.allowBlank ? null : Msg.blank;
    if (options.maxLength !== undefined && [...value].length > options.maxLength) {
      return Msg.maxLength(options.maxLength);
    }
    const invalid = options.validate?.(value);
    if (invalid) return invalid;
    // DRF's ProhibitNullCharactersValidator; PostgreSQL rejects U+0000 in text outright.
    return value.includes('\u0000') ? Msg.nullCharacters : null;
  });
}

// Django's EmailValidator, simplified to what matters for real addresses: a local part,
// one @, and a dotted domain of letters, digits and hyphens (or an IP literal).
const EMAIL_PATTERN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}|\[[0-9.:a-fA-F]+\])$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 320 && EMAIL_PATTERN.test(value);
}

export function EmailField(options: StringFieldOptions = {}) {
  return StringField({
    maxLength: 254,
    ...options,
    validate: (value) => (isValidEmail(value) ? null : Msg.invalidEmail),
  });
}

export interface IntegerFieldOptions extends FieldOptions {
  min?: number;
  max?: number;
}

const INTEGER_TEXT = /^\s*[+-]?\d+(?:\.0*)?\s*$/;

/** DRF IntegerField: accepts 3, 3.0, "3" and "3.0"; rejects booleans, 3.5 and "abc". */
export function toInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && value.length <= 1000 && INTEGER_TEXT.test(value)) {
    const parsed = Number.parseInt(value.trim(), 10);
    return Number.isSafeInteger(parsed) ? parsed : null;
  }
  return null;
}

export function IntegerField(options: IntegerFieldOptions = {}) {
  return drfField('drfInteger', options, (value) => toInteger(value) ?? value, (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return Msg.invalidInteger;
    if (options.min !== undefined && value < options.min) return Msg.minValue(options.min);
    if (options.max !== undefined && value > options.max) return Msg.maxValue(options.max);
    return null;
  });
}

export interface DecimalFieldOptions extends FieldOptions {
  maxDigits: number;
  decimalPlaces: number;
  /** Reject values below zero with DRF's MinValueValidator(0) message. */
  nonNegative?: boolean;
}

/** The check for DRF's DecimalField; on success the value is the canonical string ("12.50"). */
export function checkDecimal(value: unknown, options: DecimalFieldOptions): { error: string } | { value: string } {
  if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) {
    return { error: Msg.invalidNumber };
  }
  const text = String(value).trim();
  const parts = text.length <= 1000 ? parseDecimal(text) : null;
  if (!parts) return { error: Msg.invalidNumber };
  const precision = decimalPrecision(parts);
  if (precision.total > options.maxDigits) return { error: Msg.maxDigits(options.maxDigits) };
  if (precision.places > options.decimalPlaces) return { error: Msg.maxDecimalPlaces(options.decimalPlaces) };
  if (precision.whole > options.maxDigits - options.decimalPlaces) {
    return { error: Msg.maxWholeDigits(options.maxDigits - options.decimalPlaces) };
  }
  const canonical = formatDecimal(parts, options.decimalPlaces);
  if (options.nonNegative && canonical.startsWith('-')) return { error: Msg.minValue(0) };
  return { value: canonical };
}

export function DecimalField(options: DecimalFieldOptions) {
  return drfField(
    'drfDecimal',
    options,
    (value) => {
      const result = checkDecimal(value, options);
      return 'value' in result ? result.value : value;
    },
    (value) => {
      const result = checkDecimal(value, options);
      return 'error' in result ? result.error : null;
    },
  );
}

/** DRF PrimaryKeyRelatedField's type check; existence is the service's job. */
export function PrimaryKeyField(options: FieldOptions = {}) {
  return drfField(
    'drfPrimaryKey',
    options,
    (value) => (typeof value === 'boolean' ? value : (toInteger(value) ?? value)),
    (value) => {
      if (typeof value === 'number' && Number.isSafeInteger(value)) return null;
      return Msg.pkIncorrectType(value);
    },
  );
}

const TRUE_TEXT = new Set(['true', 'True', 'TRUE', '1', 'yes', 'on', 't', 'y']);
const FALSE_TEXT = new Set(['false', 'False', 'FALSE', '0', 'no', 'off', 'f', 'n']);

export function BooleanField(options: FieldOptions = {}) {
  return drfField(
    'drfBoolean',
    options,
    (value) => {
      if (typeof value === 'string' && TRUE_TEXT.has(value)) return true;
      if (typeof value === 'string' && FALSE_TEXT.has(value)) return false;
      if (value === 1) return true;
      if (value === 0) return false;
      return value;
    },
    (value) => (typeof value === 'boolean' ? null : Msg.invalidBoolean),
  );
}

/** The constraint a NestedField reports for a value that is not an object (the pipe nests its message). */
export const NOT_AN_OBJECT = 'drfNestedObject';

/**
 * DRF's nested serializer: an object validated by `dto`'s own fields. Its errors nest under
 * the field (`{"shipping_address": {"city": ["This field is required."]}}`); a value that is
 * not an object gets `{"shipping_address": {"non_field_errors": ["Invalid data. Expected a dictionary, …"]}}`.
 */
export function NestedField(dto: ClassType<object>, options: FieldOptions = {}) {
  return applyDecorators(
    (target: object, property: string | symbol) => declareNested(target, String(property), dto),
    Type(() => dto),
    drfField('drfNested', options, (value) => value, () => null),
    // In a form body the object comes from `field.subfield` names, as DRF reads HTML input
    // (exposed, so the transform runs when the form has no `field` name of its own).
    Expose({ toClassOnly: true }),
    Transform(({ value, key, obj }) => {
      if (!isFormBody(obj)) return value;
      const fields = formDict(obj, key);
      return fields && plainToInstance(dto, fields);
    }),
    ValidateBy({
      name: NOT_AN_OBJECT,
      validator: {
        validate: (value: unknown) => value === undefined || value === null || isPlainObject(value),
        defaultMessage: (args?: ValidationArguments) => Msg.notADict(args?.value),
      },
    }),
    ValidateNested(),
  );
}
