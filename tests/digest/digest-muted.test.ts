import { describe, expect, it } from 'vitest';
import { advanceAlerts } from '../../shared/alerts/alert-lifecycle.ts';
import type { Mute } from '../../shared/alerts/mute.ts';
import { summariseAlerts } from '../../shared/digest/alert-summary.ts';
import { isoWeekOfDate } from '../../shared/digest/iso-week.ts';
import { weekWindow } from '../../shared/digest/week-window.ts';
import { result, testProgramme } from '../alerts/support/fixture.ts';

describe('muted alerts in the digest', () => {
  it('lists a muted alert among the week’s new alerts, marked muted', () => {
    const programme = testProgramme();
    const mute: Mute = {
      programme: programme.id,
      id: 'm-1',
      unit: 'so-a',
      indicator: '*',
      level: '*',
      reason: 'đang đối soát',
      author: 'văn phòng',
      createdAt: '2025-03-01T00:00:00Z',
      until: '2025-03-31',
    };
    const { states } = advanceAlerts({
      programme,
      previous: [],
      results: [result('so-a', 'behind'), result('so-b', 'behind')],
      acknowledgements: [],
      now: new Date('2025-03-03T01:00:00Z'),
      mutes: [mute],
    });
    const window = weekWindow(isoWeekOfDate('2025-03-03'), programme.timezone);
    const section = summariseAlerts(programme, window, states, [], []);
    expect(section.opened.map((event) => [event.unit, event.muted ?? false])).toEqual([
      ['so-a', true],
      ['so-b', false],
    ]);
  });
});
