// Writes the published JSON Schema of ahakit.config.json from the zod schema.
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../core/config/json-schema';

const target = new URL('../schema/ahakit.config.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
