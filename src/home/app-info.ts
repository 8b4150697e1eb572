import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface PackageJson {
  name: string;
  version: string;
  description?: string;
}

/**
 * The server's package.json, found from this file: src/home/ when run from source (tests),
 * dist/src/home/ when built.
 */
function readPackageJson(): PackageJson {
  for (let directory = import.meta.dirname; ; directory = dirname(directory)) {
    const file = join(directory, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
      if (pkg.name === 'storedeal') return pkg;
    }
    if (dirname(directory) === directory) throw new Error(`Storedeal's package.json was not found above ${import.meta.dirname}`);
  }
}

const pkg = readPackageJson();

/** What the server is: the name and version of its package.json (shown at / and in the OpenAPI document). */
export const APP_INFO = { name: 'Storedeal', version: pkg.version } as const;
