import { z } from 'zod';
import { Report, SCHEMA_VERSION } from '../model/report.js';

/**
 * The report's JSON Schema, generated from the zod schema that defines it (the only definition).
 * Checked in at packages/core/schema/report.schema.json; a test fails when the two drift.
 */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Report, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return {
    $id: `https://bootlens.dev/schema/report-v${SCHEMA_VERSION}.json`,
    title: 'bootlens report',
    description: `The report bootlens prints with --format json (schemaVersion ${SCHEMA_VERSION}). Later versions add fields and never rename; schemaVersion bumps on a breaking change.`,
    ...schema,
  };
}
