import { describe, expect, it } from 'vitest';
import { assessDataHealth } from '../../shared/digest/data-health.ts';
import { DIGEST_LABELS } from '../../shared/digest/digest-labels.ts';
import { testProgramme } from '../alerts/support/fixture.ts';

describe('the digest’s data health: e-mail reach from the stored subscription states', () => {
  const programme = testProgramme();
  const people = {
    people: 4,
    email: { pending: 1, confirmed: 2, gone: 1, unsynced: 0 },
    unreachable: [{ role: 'head', unit: 'so-b', name: 'Giám đốc Sở B' }],
  };

  it('counts the states and names unreachable seats by unit and role, never by contact', () => {
    const health = assessDataHealth(programme, [], [], 0, '2026-11-23T00:00:00Z', '2026-11-22', people);
    expect(health.reach).toEqual({
      email: people.email,
      unreachable: [{ unit: 'so-b', unitName: 'Sở B', role: 'head' }],
    });
    const line = DIGEST_LABELS.vi.emailReach(health.reach as NonNullable<typeof health.reach>);
    expect(line).toBe(
      'Thư điện tử: 2 đã xác nhận, 1 chờ xác nhận, 1 không còn nhận; 1 vị trí chịu trách nhiệm không liên lạc được: Sở B (head)',
    );
    expect(
      assessDataHealth(programme, [], [], 0, '2026-11-23T00:00:00Z', '2026-11-22').reach,
    ).toBeUndefined();
  });
});
