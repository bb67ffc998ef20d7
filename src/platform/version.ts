import { readFileSync } from 'node:fs';

/** The version in package.json, reported by the API, OpenAPI document and CLI. */
export const LECTERN_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
