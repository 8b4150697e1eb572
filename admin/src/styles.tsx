import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import type { ReactNode } from 'react';

/**
 * MUI writes its styles into <style> elements at run time. The server's policy for /admin/
 * allows inline styles only with the nonce it put in index.html's meta tag for this response,
 * so Emotion stamps that nonce on every element it creates. (Under `vite dev` the placeholder
 * stays and no policy applies.)
 */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
const cache = createCache({ key: 'sd', nonce: nonce && nonce !== '__CSP_NONCE__' ? nonce : undefined });

export const StyleNonce = ({ children }: { children: ReactNode }) => <CacheProvider value={cache}>{children}</CacheProvider>;
