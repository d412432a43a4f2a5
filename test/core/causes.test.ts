import { describe, expect, it } from 'vitest';
import { CAUSES, causesOf } from '../../src/core/causes.js';

const named = (text: string) => CAUSES.filter((_, i) => causesOf(text) & (1 << i));

describe('causesOf', () => {
  it('finds the causes of form 10 in recorded text, several in one', () => {
    expect(named('Thiếu vốn, thiếu đất sản xuất')).toEqual(['land', 'capital']);
    expect(named('Thiếu kỹ năng lao động')).toEqual(['skills']);
    expect(named('Không có lao động')).toEqual(['labour']);
    expect(named('Thiếu lao động')).toEqual(['labour']);
    expect(named('Ốm đau, bệnh nặng')).toEqual(['illness']);
    expect(named('Tai nạn giao thông')).toEqual(['illness']);
    expect(named('THIẾU KIẾN THỨC LÀM ĂN')).toEqual(['know_how']);
    expect(named('Thiếu công cụ sản xuất')).toEqual(['tools']);
    expect(named('Đông con')).toEqual(['other']);
    expect(named('')).toEqual([]);
  });
});
