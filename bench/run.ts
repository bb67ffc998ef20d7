// `npm run bench -- <name> [args…]` runs bench/<name>.ts; each benchmark prints its own figures.
import { existsSync, readdirSync } from 'node:fs';

const [name, ...rest] = process.argv.slice(2);
const here = new URL('.', import.meta.url);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(name ? 2 : 0);
}
const file = new URL(`./${name}.ts`, here);
if (!existsSync(file)) process.exit(2);
process.argv = [process.argv[0]!, file.pathname, ...rest];
await import(file.href);
