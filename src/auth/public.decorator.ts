import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'storedeal:isPublic';

/** Opts a route out of the global JWT guard: anonymous callers are let through. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
