import type { Lang } from '../labels.js';
import type { SummarySheet } from '../sheet-model.js';
import type { Confidence } from '../standard.js';

/**
 * How the Circular numbers each form ("Biểu số 7.1"), as data with a
 * confidence mark: where the numbering is not confirmed against the text
 * of the annex, the mark says so, as the standards' facts do.
 */
export interface FormIdentities {
  source: Record<Lang, string>;
  note: string;
  forms: Record<string, { label: Record<Lang, string>; confidence: Confidence }>;
}

/** The form's number and the place of the date line, filled in on every official form; a form without an issuing unit gets a dotted one to fill in. */
export function identify(
  sheets: readonly SummarySheet[],
  identities: FormIdentities | undefined,
  lang: Lang,
  unit: string | undefined,
  place: string | undefined,
  unitToFill: string,
): SummarySheet[] {
  return sheets.map((sheet) => {
    if (sheet.official === undefined) return sheet;
    const identity = sheet.formKey === undefined ? undefined : identities?.forms[sheet.formKey];
    return {
      ...sheet,
      unit: unit ?? sheet.unit ?? unitToFill,
      official: { form: identity === undefined ? null : identity.label[lang], place: place ?? null },
    };
  });
}
