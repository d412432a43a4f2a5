import type { FormIdentities } from '../core/forms/form-identity.js';
import type { Confidence } from '../core/standard.js';
import { type JsonFault, asObject, quoteJson, readJsonFileSync } from './json-file.js';
import { packageRoot } from './package-root.js';

let identities: FormIdentities | undefined;

/** The Circular's numbers of the forms, from forms/circular-07-2021.json (shipped with povroll). */
export function formIdentities(): FormIdentities {
  identities ??= readJsonFileSync('forms/circular-07-2021.json', packageRoot(), { kind: 'form numbers' }, parseFormIdentities);
  return identities;
}

/** `{"source": {"vi", "en"}, "note", "forms": {KEY: {"vi", "en", "confidence"}}}`. */
function parseFormIdentities(json: unknown, fault: JsonFault): FormIdentities {
  const texts = (value: unknown, key: string): { vi: string; en: string } => {
    const object = asObject(value);
    if (object === null || typeof object['vi'] !== 'string' || typeof object['en'] !== 'string')
      throw fault(`${key}: expected {"vi": TEXT, "en": TEXT}, found ${quoteJson(value)}`);
    return { vi: object['vi'], en: object['en'] };
  };
  const root = asObject(json);
  if (root === null) throw fault(`expected an object with "source", "note" and "forms", found ${quoteJson(json)}`);
  if (typeof root['note'] !== 'string') throw fault(`note: expected a text, found ${quoteJson(root['note'])}`);
  const forms = asObject(root['forms']);
  if (forms === null) throw fault(`forms: expected an object of forms, found ${quoteJson(root['forms'])}`);
  return {
    source: texts(root['source'], 'source'),
    note: root['note'],
    forms: Object.fromEntries(
      Object.entries(forms).map(([key, form]) => {
        const confidence = asObject(form)?.['confidence'];
        if (confidence !== 'C' && confidence !== 'P' && confidence !== 'U')
          throw fault(`forms.${key}.confidence: expected "C", "P" or "U", found ${quoteJson(confidence)}`);
        return [key, { label: texts(form, `forms.${key}`), confidence: confidence satisfies Confidence }];
      }),
    ),
  };
}
