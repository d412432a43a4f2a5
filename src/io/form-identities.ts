import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormIdentities } from '../core/forms/form-identity.js';
import type { Confidence } from '../core/standard.js';
import { packageRoot } from './package-root.js';

let identities: FormIdentities | undefined;

/** The Circular's numbers of the forms, from forms/circular-07-2021.json (shipped with povroll). */
export function formIdentities(): FormIdentities {
  if (identities !== undefined) return identities;
  const json = JSON.parse(readFileSync(join(packageRoot(), 'forms', 'circular-07-2021.json'), 'utf8')) as {
    source: { vi: string; en: string };
    note: string;
    forms: Record<string, { vi: string; en: string; confidence: Confidence }>;
  };
  identities = {
    source: json.source,
    note: json.note,
    forms: Object.fromEntries(Object.entries(json.forms).map(([key, form]) => [key, { label: { vi: form.vi, en: form.en }, confidence: form.confidence }])),
  };
  return identities;
}
