/**
 * The key headings and labels are compared by: no case, no diacritics (đ/Đ
 * included), no punctuation, single spaces. "Họ và tên  chủ hộ:" and
 * "HO VA TEN CHU HO" both give "ho va ten chu ho". NFD input works too:
 * the combining marks are removed after decomposition.
 */
export function matchKey(text: string): string {
  // Short texts (relationships, marks, villages, class labels) repeat on every
  // row of a roll: remember their keys instead of normalising them again.
  if (text.length <= 32) {
    let key = shortKeys.get(text);
    if (key === undefined) {
      key = computeKey(text);
      if (shortKeys.size < 100_000) shortKeys.set(text, key);
    }
    return key;
  }
  return computeKey(text);
}

const shortKeys = new Map<string, string>();

function computeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The key without parenthesised parts: "Thu nhập (đồng/người/tháng)" → "thu nhap". */
export function keyWithoutParentheses(text: string): string {
  return matchKey(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
}
