import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The SDK from its source: no separate SDK build before this one, and the console always
 * speaks the contract the checked-in schema.d.ts describes. openapi-fetch is resolved from
 * this package (dedupe), so sdk/ needs no node_modules of its own.
 */
const sdkSource = fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url));

/** gzip and brotli siblings of every asset, which the server sends to clients that accept them. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'storedeal-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir, config.build.assetsDir);
    },
    closeBundle() {
      for (const name of readdirSync(outDir)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const file = join(outDir, name);
        const content = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  base: '/admin/',
  plugins: [react(), precompress()],
  resolve: {
    alias: { '@storedeal/sdk': sdkSource },
    dedupe: ['openapi-fetch'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No data: URLs in scripts or styles: every asset is a file under the strict policy.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npm run dev`: the console on Vite's dev server, the API from `npm start` on port 8000.
    proxy: Object.fromEntries(['/auth', '/products', '/categories', '/orders', '/accounts', '/cart'].map((path) => [path, 'http://localhost:8000'])),
  },
});
