import { matchKey } from './ingest/match-key.js';

/**
 * The causes of poverty of form 10, in its order, each found in the recorded
 * text by its key words ("Thiếu vốn, thiếu đất sản xuất" is two causes). Text
 * that names none of them is "other".
 */
export const CAUSES = ['land', 'capital', 'labour', 'tools', 'know_how', 'skills', 'illness', 'other'] as const;
export type Cause = (typeof CAUSES)[number];

const KEY_WORDS: [Cause, RegExp][] = [
  ['land', /\bdat\b/],
  ['capital', /\bvon\b/],
  // "Thiếu kỹ năng lao động" is a lack of skills, not of labour.
  ['labour', /(?:^|\bthieu |\bkhong co |\bit )lao dong\b|\bnhan luc\b/],
  ['tools', /\bcong cu\b|\bphuong tien san xuat\b|\bdung cu\b/],
  ['know_how', /\bkien thuc\b|\bcach lam an\b|\bkinh nghiem\b/],
  ['skills', /\bky nang\b|\btay nghe\b|\bchuyen mon\b/],
  ['illness', /\bom\b|\bbenh\b|\btai nan\b|\bom dau\b/],
];

const known = new Map<string, number>();

/** The causes named in a recorded text, as bits over CAUSES; 0 for an empty text. */
export function causesOf(text: string): number {
  if (text === '') return 0;
  let bits = known.get(text);
  if (bits !== undefined) return bits;
  const key = matchKey(text);
  bits = 0;
  KEY_WORDS.forEach(([cause, words]) => {
    if (words.test(key)) bits! |= 1 << CAUSES.indexOf(cause);
  });
  if (bits === 0) bits = 1 << CAUSES.indexOf('other');
  // Causes are written from a short list: the cache stays small.
  if (known.size < 10_000) known.set(text, bits);
  return bits;
}
