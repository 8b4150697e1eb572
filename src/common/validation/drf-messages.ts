/** DRF's field messages, word for word: clients match on them. */
export const Msg = {
  required: 'This field is required.',
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  notString: 'Not a valid string.',
  nullCharacters: 'Null characters are not allowed.',
  maxLength: (n: number) => `Ensure this field has no more than ${n} characters.`,
  invalidInteger: 'A valid integer is required.',
  invalidNumber: 'A valid number is required.',
  minValue: (n: number | string) => `Ensure this value is greater than or equal to ${n}.`,
  maxValue: (n: number | string) => `Ensure this value is less than or equal to ${n}.`,
  maxDigits: (n: number) => `Ensure that there are no more than ${n} digits in total.`,
  maxDecimalPlaces: (n: number) => `Ensure that there are no more than ${n} decimal places.`,
  maxWholeDigits: (n: number) => `Ensure that there are no more than ${n} digits before the decimal point.`,
  invalidEmail: 'Enter a valid email address.',
  invalidBoolean: 'Must be a valid boolean.',
  pkDoesNotExist: (pk: unknown) => `Invalid pk "${String(pk)}" - object does not exist.`,
  pkIncorrectType: (value: unknown) => `Incorrect type. Expected pk value, received ${pythonTypeName(value)}.`,
  notADict: (value: unknown) => `Invalid data. Expected a dictionary, but got ${pythonTypeName(value)}.`,
} as const;

/** The Python type name DRF would print for a JSON value. */
export function pythonTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'object':
      return 'dict';
    default:
      return typeof value;
  }
}
