import { HttpError } from 'react-admin';

type FieldMap = Record<string, unknown>;

const messagesOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : value == null ? [] : [JSON.stringify(value)];

const isFieldMap = (body: unknown): body is FieldMap =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && !('detail' in body);

/**
 * DRF's error bodies as react-admin wants them. A 400 field map `{"price": ["…"]}` becomes
 * `body.errors` keyed by the same names as the form's inputs, so each message shows under its
 * field (non_field_errors go to the form's root); `{"detail": "…"}` (401, 403, 404, 409, …)
 * becomes the error's message, which the notification shows.
 */
export function drfError(status: number, body: unknown): HttpError {
  if (status === 400 && isFieldMap(body)) {
    const errors: Record<string, unknown> = {};
    const lines: string[] = [];
    for (const [field, value] of Object.entries(body)) {
      const text = messagesOf(value).join(' ');
      if (field === 'non_field_errors') errors.root = { serverError: text };
      else errors[field] = text;
      lines.push(field === 'non_field_errors' ? text : `${field}: ${text}`);
    }
    return new HttpError(lines.join(' ') || 'The server refused the request.', status, { errors, drf: body });
  }
  const detail = typeof body === 'object' && body !== null && 'detail' in body ? String((body as { detail: unknown }).detail) : undefined;
  return new HttpError(detail ?? `The server answered ${status}.`, status, body);
}

/** The DRF message of a failed call, for notifications outside forms. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
