import iconv from 'iconv-lite';

/**
 * Vietnamese text typed with the legacy font encodings still found in older
 * files: TCVN3 ("ABC") and VNI-Windows. Read as Unicode it looks like
 * mojibake ("NguyÔn", "Nguyeãn"); the cells hold Latin-1 letters that the
 * legacy font drew as Vietnamese ones.
 */
export type LegacyEncoding = 'tcvn3' | 'vni';

/** Letters only Unicode Vietnamese has: their presence means the text is not legacy. */
const UNICODE_VIETNAMESE = /[ăĂơƠưƯđĐ\u1EA0-\u1EF9]/;
/** TCVN3 letters drawn from Latin-1 codes (à á ả ã ạ ă ê ô ơ ư đ Đ and their tones). */
const TCVN3_LETTERS = /[µ¸¶·¹¨©ª«¬®§¡¢£¤¥¦»¼½¾ÆÇÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßãäåæçèéëìíîïñòóôõöøùúûüýþ]/g;
/** VNI: a vowel followed by a tone or shape mark written as a second letter. */
const VNI_PAIRS = /[aAeEoOuUyYôÔöÖ][ùøûõïÙØÛÕÏâêÂÊáàåãäÁÀÅÃÄéèúüëÉÈÚÜË]/g;

/** Which legacy encoding a sample of texts is in, or null for Unicode text. */
export function detectLegacyEncoding(texts: readonly string[]): LegacyEncoding | null {
  let tcvn = 0;
  let vni = 0;
  let letters = 0;
  for (const text of texts) {
    if (UNICODE_VIETNAMESE.test(text)) return null;
    letters += text.length;
    tcvn += (text.match(TCVN3_LETTERS) ?? []).length;
    vni += (text.match(VNI_PAIRS) ?? []).length + (text.match(/[ñÑ]/g) ?? []).length;
  }
  if (letters === 0) return null;
  // VNI text is Latin-1 letters too, so it also counts as TCVN3; its vowel-and-mark pairs tell it apart.
  if (vni >= 3 && vni * 2 >= tcvn) return 'vni';
  if (tcvn >= 3) return 'tcvn3';
  return null;
}

/** TCVN3 → Unicode: the text's code units are the legacy bytes (cp1252 where Latin-1 has none). */
function fromTcvn3(text: string): string {
  return iconv.decode(iconv.encode(text, 'cp1252'), 'tcvn').normalize('NFC');
}

/** VNI-Windows pairs and single letters → Unicode (no library on npm decodes VNI). */
const VNI: Record<string, string> = buildVniTable();

function buildVniTable(): Record<string, string> {
  const table: Record<string, string> = {};
  const tones = ['ù', 'ø', 'û', 'õ', 'ï'];
  const add = (base: string, legacy: string[], unicode: string[]) => {
    legacy.forEach((mark, i) => {
      table[base + mark] = unicode[i]!;
      table[(base + mark).toUpperCase()] = unicode[i]!.toUpperCase();
    });
  };
  add('a', tones, ['á', 'à', 'ả', 'ã', 'ạ']);
  add('a', ['â', 'á', 'à', 'å', 'ã', 'ä'], ['â', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ']);
  add('a', ['ê', 'é', 'è', 'ú', 'ü', 'ë'], ['ă', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ']);
  add('e', tones, ['é', 'è', 'ẻ', 'ẽ', 'ẹ']);
  add('e', ['â', 'á', 'à', 'å', 'ã', 'ä'], ['ê', 'ế', 'ề', 'ể', 'ễ', 'ệ']);
  add('o', tones, ['ó', 'ò', 'ỏ', 'õ', 'ọ']);
  add('o', ['â', 'á', 'à', 'å', 'ã', 'ä'], ['ô', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ']);
  add('ô', tones, ['ớ', 'ờ', 'ở', 'ỡ', 'ợ']);
  add('u', tones, ['ú', 'ù', 'ủ', 'ũ', 'ụ']);
  add('ö', tones, ['ứ', 'ừ', 'ử', 'ữ', 'ự']);
  add('y', tones, ['ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ']);
  const singles: [string, string][] = [
    ['ô', 'ơ'],
    ['ö', 'ư'],
    ['ñ', 'đ'],
    ['í', 'í'],
    ['ì', 'ì'],
    ['æ', 'ỉ'],
    ['ó', 'ĩ'],
    ['ò', 'ị'],
    ['î', 'ỵ'],
  ];
  for (const [legacy, unicode] of singles) {
    table[legacy] = unicode;
    table[legacy.toUpperCase()] = unicode.toUpperCase();
  }
  return table;
}

// One pass, pairs before single letters, so that a letter made from a pair is not read again.
const VNI_PATTERN = new RegExp(
  Object.keys(VNI)
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'g',
);

function fromVni(text: string): string {
  return text.replace(VNI_PATTERN, (legacy) => VNI[legacy]!).normalize('NFC');
}

export function legacyDecoder(encoding: LegacyEncoding | null): (text: string) => string {
  if (encoding === 'tcvn3') return fromTcvn3;
  if (encoding === 'vni') return fromVni;
  return (text) => text;
}
