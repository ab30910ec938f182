import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NoticeInState } from '../../shared/alerts/delivery-plan.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { renderEmail } from '../../shared/messages/email-message.ts';
import type { MessageContext, MessageRecipient } from '../../shared/messages/message-item.ts';
import { messageItemsOf } from '../../shared/messages/message-items.ts';
import { NO_LINKS } from '../../shared/messages/message-links.ts';
import { rankText } from '../../shared/messages/rank-text.ts';

const programme = buildProgramme(
  parseCatalog(readFileSync('catalog/ha-tinh-nq05.json'), 'ha-tinh-nq05.json'),
);

const context: MessageContext = {
  language: 'vi',
  programmeId: programme.id,
  programmeName: 'NQ 05',
  programmeShortName: 'NQ 05',
  today: '2026-01-10',
  respondBy: '2026-01-17',
  emailItemLimit: 10,
  links: NO_LINKS,
};
const chairman: MessageRecipient = { place: 'Tỉnh Hà Tĩnh', unit: '42', address: 'head-42@example.com' };

function notice(unit: string, indicator: string, date: string, value: number): NoticeInState {
  return {
    state: `${unit}#${indicator}#behind`,
    unit,
    indicator,
    notice: {
      id: 'n1',
      event: 'opened',
      kind: 'behind',
      level: 0,
      recipient: { role: 'head', unit },
      audience: 'responsible',
      channel: 'email',
      raisedOn: '2026-01-10',
      openedOn: '2026-01-10',
      snapshot: {
        status: 'behind',
        date,
        value,
        required: 20,
        gap: 20 - value,
        observedPace: null,
        requiredPace: null,
        progress: null,
        milestones: [],
      },
    },
  } as NoticeInState;
}

describe('a rank is said with how many were ranked on its date', () => {
  it('rankText', () => {
    expect(rankText('vi', 39, 63)).toBe('hạng 39/63');
    expect(rankText('en', 7, 34)).toBe('rank 7/34');
  });

  it('out of 63 through the 2023 results, out of 34 from the 2024 results', () => {
    const items = messageItemsOf(
      programme,
      [
        notice('42', 'digital-gov-rank', '2022-12-31', 39),
        notice('42', 'digital-gov-rank', '2025-12-31', 23),
      ],
      { role: 'head', unit: '42' },
      'vi',
    );
    expect(items.map((item) => item.rankedValue)).toEqual(['hạng 39/63', 'hạng 23/34']);
  });

  it('e-mail and SMS show "hạng 23/34"; other indicators keep their measure', () => {
    const [rank] = messageItemsOf(
      programme,
      [notice('42', 'digital-gov-rank', '2025-12-31', 23)],
      { role: 'head', unit: '42' },
      'vi',
    );
    const [percent] = messageItemsOf(
      programme,
      [notice('42', 'work-records-online', '2025-12-31', 55)],
      { role: 'head', unit: '42' },
      'vi',
    );
    if (!rank || !percent) throw new Error('no items');
    expect(percent.rankedValue).toBeUndefined();
    const email = renderEmail(context, chairman, [rank, percent]).body;
    expect(email).toContain('Số liệu mới nhất: hạng 23/34 (ngày 31/12/2025)');
    expect(email).toContain('Số liệu mới nhất: 55,0% (ngày 31/12/2025)');
    const [english] = messageItemsOf(
      programme,
      [notice('42', 'digital-gov-rank', '2025-12-31', 23)],
      { role: 'head', unit: '42' },
      'en',
    );
    if (!english) throw new Error('no item');
    expect(renderEmail({ ...context, language: 'en' }, chairman, [english]).body).toContain(
      'Latest value: rank 23/34 (on 31 Dec 2025)',
    );
  });
});
