import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError } from '../errors/domain-errors.js';

const MAX_SERIAL = 2147483647;

/** A path id: a positive PostgreSQL integer, or 404 "Not found." as Django's URL converter gives. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value)) throw new NotFoundError();
    const id = Number(value);
    if (id < 1 || id > MAX_SERIAL) throw new NotFoundError();
    return id;
  }
}
