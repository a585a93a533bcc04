import { isEvidenceValidOn } from '../../cms/src/evidence/validity';

describe('isEvidenceValidOn', () => {
  it('holds through its « valable jusqu’au » day included, and forever without a date', () => {
    expect(isEvidenceValidOn({ validUntil: '2026-06-30' }, '2026-06-29')).toBe(true);
    expect(isEvidenceValidOn({ validUntil: '2026-06-30' }, '2026-06-30')).toBe(true);
    expect(isEvidenceValidOn({ validUntil: '2026-06-30' }, '2026-07-01')).toBe(false);
    expect(isEvidenceValidOn({ validUntil: '2026-06-30T00:00:00.000Z' }, '2026-07-01T09:00:00Z')).toBe(false);
    expect(isEvidenceValidOn({ validUntil: null }, '2099-01-01')).toBe(true);
    expect(isEvidenceValidOn({ validUntil: undefined }, '2099-01-01')).toBe(true);
  });
});
