import { applyDecorators, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'storedeal:isPublic';
export const IGNORES_CREDENTIALS = 'storedeal:ignoresCredentials';

/** Opts a route out of the global JWT guard: anonymous callers are let through. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Public, and any Authorization header is ignored, not checked: simplejwt's token views
 * have `authentication_classes = ()`, so a client that still sends its expired access
 * token can refresh or log in.
 */
export const IgnoresCredentials = () => applyDecorators(Public(), SetMetadata(IGNORES_CREDENTIALS, true));
