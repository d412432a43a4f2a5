import { describe, expect, it } from 'vitest';
import { EMPTY_LOCATION } from '../../src/core/areas.js';
import { formOrder } from '../../src/core/forms/hierarchy.js';
import { shortLegalBasis } from '../../src/core/forms/result-forms.js';

describe('shortLegalBasis', () => {
  it('names the instrument alone, in Vietnamese on Vietnamese forms', () => {
    expect(shortLegalBasis('Decree 07/2021/NĐ-CP, Article 3 (kept for 2026)', 'vi')).toBe('Nghị định số 07/2021/NĐ-CP');
    expect(shortLegalBasis('Decision 59/2015/QĐ-TTg (extended to 2021)', 'vi')).toBe('Quyết định số 59/2015/QĐ-TTg');
    expect(shortLegalBasis('Decree 351/2025/NĐ-CP', 'en')).toBe('Decree 351/2025/NĐ-CP');
  });
});

describe('formOrder', () => {
  const place = (district: string, commune: string) => ({ ...EMPTY_LOCATION, province: 'Tỉnh Thử', district, commune });
  const item = (level: 'province' | 'district' | 'commune' | 'total', district: string, commune = '') => ({ level, location: place(district, commune) });
  it('puts each district over its own communes, the total last summing the districts, and leaves out a lone province', () => {
    const items = [
      item('province', ''),
      item('district', 'Huyện Một'),
      item('district', 'Huyện Hai'),
      item('commune', 'Huyện Hai', 'Xã Ba'),
      item('commune', 'Huyện Một', 'Xã Một'),
      item('commune', 'Huyện Một', 'Xã Hai'),
    ];
    const total = item('total', '');
    const places = formOrder(
      items,
      total,
      (i) => i.level,
      (i) => i.location,
      ['province', 'district', 'commune'],
    );
    expect(places.map((p) => `${p.number} ${p.location.commune || p.location.district || 'total'}`)).toEqual([
      'I Huyện Một',
      '1 Xã Một',
      '2 Xã Hai',
      'II Huyện Hai',
      '1 Xã Ba',
      ' total',
    ]);
    expect(places.map((p) => p.sumOf)).toEqual([[1, 2], [], [], [4], [], [0, 3]]);
    expect(places.map((p) => p.group)).toEqual([true, false, false, true, false, false]);
  });
});
