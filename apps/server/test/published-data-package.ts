import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv-draft-04';

/** What the published Frictionless Data Package profile (v1, draft-04) finds wrong in a descriptor (see fixtures/frictionless/README.md). */
const profile = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/frictionless/data-package.v1.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(profile);

export function publishedProfileErrors(descriptor: unknown): string[] {
  if (validate(descriptor)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}
