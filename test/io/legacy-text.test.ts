/**
 * VNI-Windows text checked against bytes typed by hand, not against
 * povroll's own table. Each word below is written as the bytes a
 * VNI-Windows font stores: the base letter, then one Latin-1 byte carrying
 * the vowel's shape and tone (ơ ư đ and i with a tone are single bytes).
 * The bytes are those of the published VNI-Windows table (the VNI-Windows
 * column of OpenKey's code table, github.com/tuyenvm/OpenKey
 * Sources/OpenKey/engine/Vietnamese.cpp, where ệ is 0xE465: "e" then 0xE4,
 * and its capital Ệ 0xC445: "E" then 0xC4), read into a Unicode cell
 * as Latin-1 letters the way Excel shows such a file.
 */
import { describe, expect, it } from 'vitest';
import { detectLegacyEncoding, legacyDecoder } from '../../src/io/legacy-text.js';
import { asVni } from '../support/roll-fixtures.js';

const WORDS: [unicode: string, vni: string][] = [
  // ễ = e + 0xE3 (circumflex + ngã)
  ['Nguyễn', 'Nguye\xe3n'],
  // ệ = e + 0xE4 (circumflex + nặng)
  ['Việt Nam', 'Vie\xe4t Nam'],
  // Đ = 0xD1; ư = 0xF6; ờ = ơ 0xF4 + 0xF8 (huyền)
  ['Đường', '\xd1\xf6\xf4\xf8ng'],
  // ộ = o + 0xE4; è = e + 0xF8
  ['hộ nghèo', 'ho\xe4 nghe\xf8o'],
  // ậ = a + 0xE4
  ['cận nghèo', 'ca\xe4n nghe\xf8o'],
  // ị = 0xF2 alone; ấ = a + 0xE1 (circumflex + sắc)
  ['Thị trấn', 'Th\xf2 tra\xe1n'],
  // ắ = a + 0xE9 (breve + sắc); ạ = a + 0xEF (nặng)
  ['Bắc Kạn', 'Ba\xe9c Ka\xefn'],
  // ả = a + 0xFB (hỏi); ã = a + 0xF5 (ngã)
  ['Quảng Ngãi', 'Qua\xfbng Nga\xf5i'],
  // đ = 0xF1; à = a + 0xF8; ẵ = a + 0xFC (breve + ngã)
  ['Đà Nẵng', '\xd1a\xf8 Na\xfcng'],
  // ỉ = 0xE6 alone; ĩ = 0xF3 alone
  ['Tỉnh Nghĩa', 'T\xe6nh Ngh\xf3a'],
  // ỳ = y + 0xF8; ơ = 0xF4; ý = y + 0xF9; ỵ = 0xEE alone
  ['Kỳ Sơn Lý quỵ', 'Ky\xf8 S\xf4n Ly\xf9 qu\xee'],
  // ử = ư 0xF6 + 0xFB; ú = u + 0xF9; ọ = o + 0xEF
  ['thửa Phú Thọ', 'th\xf6\xfba Phu\xf9 Tho\xef'],
  // Capitals take the capital byte: Ễ = E + 0xC3, Ệ = E + 0xC4
  ['NGUYỄN', 'NGUYE\xc3N'],
  ['VIỆT NAM', 'VIE\xc4T NAM'],
  // Đ = 0xD1, Ư = 0xD6, Ờ = Ơ 0xD4 + 0xD8
  ['ĐƯỜNG', '\xd1\xd6\xd4\xd8NG'],
  // Ộ = O + 0xC4; È = E + 0xD8; Ị = 0xD2; Ấ = A + 0xC1
  ['HỘ NGHÈO THỊ TRẤN', 'HO\xc4 NGHE\xd8O TH\xd2 TRA\xc1N'],
  // Ắ = A + 0xC9; Ă = A + 0xCA; Ỉ = 0xC6; Ỵ = 0xCE; Ở = Ơ 0xD4 + 0xDB; Í = 0xCD
  ['BẮC ĂN TỈNH QUỴ Ở ÍT', 'BA\xc9C A\xcaN T\xc6NH QU\xce \xd4\xdb \xcdT'],
  // Mixed case in one name: Lò Văn Mười
  ['Lò Văn Mười', 'Lo\xf8 Va\xean M\xf6\xf4\xf8i'],
];

describe('VNI-Windows text', () => {
  it.each(WORDS)('reads %s from the bytes a VNI font stores', (unicode, vni) => {
    expect(legacyDecoder('vni')(vni)).toBe(unicode);
  });

  it.each(WORDS)('the test encoder writes %s as those same bytes', (unicode, vni) => {
    expect(asVni(unicode)).toBe(vni);
  });

  it('is told apart from TCVN3 and from Unicode', () => {
    expect(detectLegacyEncoding(WORDS.map(([, vni]) => vni))).toBe('vni');
    expect(detectLegacyEncoding(WORDS.map(([unicode]) => unicode))).toBeNull();
  });

  it('reads back every letter of Vietnamese the test encoder writes, lower and upper case', () => {
    const vowels = 'aăâeêioôơuưy';
    const tones = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
    const letters = [...vowels].flatMap((v) => tones.map((t) => (v + t).normalize('NFC'))).concat('đ');
    expect(letters).toHaveLength(73);
    const text = letters.join(' ');
    expect(legacyDecoder('vni')(asVni(text))).toBe(text);
    expect(legacyDecoder('vni')(asVni(text.toUpperCase()))).toBe(text.toUpperCase());
  });
});
