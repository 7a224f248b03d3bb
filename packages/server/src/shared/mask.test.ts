import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone, maskWhole, maskZip } from './mask.js';

describe('contact masks', () => {
  it('keeps an initial, a domain, four digits or a ZIP prefix, and nothing more', () => {
    expect(maskName('Ada')).toBe('A•••');
    expect(maskName('  Émile ')).toBe('É•••');
    expect(maskEmail('ada.lovelace@example.com')).toBe('a•••@example.com');
    expect(maskEmail('not-an-email')).toBe('•••');
    expect(maskEmail('@example.com')).toBe('•••');
    expect(maskPhone('+12135550147')).toBe('•••0147');
    expect(maskPhone('147')).toBe('•••');
    expect(maskZip('90012')).toBe('900••');
    expect(maskZip('90012-1234')).toBe('900••');
    expect(maskZip('A1B 2C3')).toBe('•••');
    expect(maskWhole('1 Main St')).toBe('•••');
  });

  it('leaves missing values missing', () => {
    for (const mask of [maskName, maskEmail, maskPhone, maskZip, maskWhole]) {
      expect(mask(null)).toBeNull();
      expect(mask(undefined)).toBeNull();
      expect(mask('')).toBeNull();
    }
  });
});
