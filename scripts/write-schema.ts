// Writes packages/core/schema/report.schema.json from the zod schema: `pnpm schema`.
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../packages/core/src/report/json-schema.js';

const path = new URL('../packages/core/schema/report.schema.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.pathname}`);
