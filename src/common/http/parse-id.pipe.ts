import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError } from '../errors/domain-errors.js';
import { isSerialId } from '../ids.js';

/** A path id: a positive PostgreSQL integer, or 404 "Not found." as Django's URL converter gives. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value)) throw new NotFoundError();
    const id = Number(value);
    if (!isSerialId(id)) throw new NotFoundError();
    return id;
  }
}
