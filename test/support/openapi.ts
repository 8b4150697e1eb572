import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The operation for a method and path of a generated document; throws if it is missing. */
export function operationOf(document: OpenAPIObject, method: HttpMethod, path: string): OperationObject {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`no ${method.toUpperCase()} ${path} in the document`);
  return found;
}
