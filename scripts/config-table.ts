// Prints the README's configuration table from the config schema: `node --import tsx scripts/config-table.ts`.
import { ConfigSchema } from '#platform/config/index.js';

const rows = Object.entries(
  ConfigSchema.properties as Record<string, { default?: unknown; description?: string }>,
);
console.log('| variable | default | meaning |');
console.log('| --- | --- | --- |');
for (const [name, schema] of rows) {
  const def = schema.default === undefined ? '—' : `\`${String(schema.default)}\``;
  console.log(`| \`${name}\` | ${def} | ${schema.description ?? ''} |`);
}
