import { INestApplicationContext } from '@nestjs/common';

export interface SeedOptions {
  categories?: string;
  products?: string;
}

/** Fills a demo catalogue. Implemented with the catalogue module (issue 3). */
export async function seed(_context: INestApplicationContext, _options: SeedOptions, _progress: (line: string) => void): Promise<void> {
  throw new Error('seed is not available yet.');
}
