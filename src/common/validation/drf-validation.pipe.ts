import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldErrors, FieldValidationError } from '../errors/domain-errors.js';
import { isPlainObject, onlyDeclaredFields } from './declared-fields.js';
import { NOT_AN_OBJECT } from './drf-fields.js';
import { Msg } from './drf-messages.js';

function toFieldErrors(errors: ValidationError[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const notAnObject = error.constraints?.[NOT_AN_OBJECT];
    const messages = Object.values(error.constraints ?? {});
    if (notAnObject) fields[error.property] = { non_field_errors: [notAnObject] };
    else if (messages.length > 0) fields[error.property] = messages;
    else if (error.children?.length) fields[error.property] = toFieldErrors(error.children);
  }
  return fields;
}

/**
 * The global pipe: class-validator DTOs with DRF's error shapes. Unknown fields are
 * dropped (DRF ignores them) before anything else reads the body, each field reports its
 * first problem, and a body that is not a JSON object gets DRF's "Expected a dictionary" error.
 */
@Injectable()
export class DrfValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: false,
      forbidUnknownValues: false,
      stopAtFirstError: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new FieldValidationError(toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && this.toValidate(metadata)) {
      if (value === undefined) value = {};
      if (!isPlainObject(value)) {
        throw FieldValidationError.of('non_field_errors', Msg.notADict(value));
      }
    }
    if ((metadata.type === 'body' || metadata.type === 'query') && metadata.metatype && this.toValidate(metadata) && isPlainObject(value)) {
      value = onlyDeclaredFields(metadata.metatype as never, value);
    }
    return super.transform(value, metadata);
  }
}
