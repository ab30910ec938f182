import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Observation } from '../../shared/snapshots/observation-rows.ts';
import { evaluateAndNotify, type NotifyCounts } from '../../shared/use-cases/evaluate-and-notify.ts';
import { captureOutput, contactsIn } from './support/captured-logs.ts';
import { ALL_ADDRESSES, CONTACTS, requiredOn, testProgramme } from './support/fixture.ts';
import { RecordingNotifier } from './support/recording-notifier.ts';

/**
 * One programme through twelve weekly runs (Mondays 08:00 in Hà Nội) plus a same-day re-run, a
 * revision, a late-evening run and the morning after, asserting exactly who hears what each time.
 */
const programme = testProgramme();
const { headA, headB, dataA, provinceHead } = CONTACTS;
let store: MemoryStore;
const notifier = new RecordingNotifier();
const output = captureOutput();

beforeAll(async () => {
  store = createMemoryStore();
});

afterAll(async () => {
  output.restore();
});

function monday(week: number): string {
  return new Date(Date.UTC(2025, 2, 3 + 7 * week)).toISOString().slice(0, 10);
}

async function report(date: string, values: Record<string, number>): Promise<void> {
  const observations: Observation[] = Object.entries(values).map(([unit, value]) => ({
    unit,
    indicator: 'ho-so',
    date,
    value,
  }));
  await store.putObservations(programme.id, observations, `${date}T00:30:00Z`);
}

/** A run at `time` (Hà Nội wall clock) on `date`; returns the counts and what went to whom. */
async function run(
  date: string,
  time = '08:00',
  runKey = date,
): Promise<{ counts: NotifyCounts; sent: string[] }> {
  const before = notifier.sent.length;
  const hour = Number(time.slice(0, 2)) - 7;
  const instant = new Date(`${date}T00:00:00Z`).getTime() + (hour * 60 + Number(time.slice(3))) * 60_000;
  const counts = await evaluateAndNotify(programme, runKey, {
    store: store,
    notifier,
    clock: fixedClock(new Date(instant)),
  });
  return { counts, sent: notifier.deliveries(before) };
}

function lastTo(address: string, channel = 'email') {
  const message = [...notifier.sent].reverse().find((m) => m.recipient === address && m.channel === channel);
  if (!message) throw new Error(`nothing sent to ${channel}`);
  return message;
}

const behindA = (date: string) => Math.round(requiredOn(date) - 8);
const onTrack = (date: string) => Math.round(requiredOn(date) + 5);

describe('twelve weekly runs of one programme', () => {
  it('week 0: A falls behind: its head hears by SMS and e-mail; nobody else', async () => {
    const date = monday(0);
    await report(date, { 'so-a': behindA(date), 'so-b': onTrack(date), tinh: onTrack(date) });
    const { counts, sent } = await run(date);
    expect(sent).toEqual([`email ${headA.email}`, `sms ${headA.phone}`]);
    expect(counts).toMatchObject({ opened: 1, reminded: 0, sent: { sms: 1, email: 1 }, deferred: 0 });
    const email = lastTo(headA.email);
    expect(email.subject).toBe('[Sở A] 1 chỉ tiêu chậm tiến độ – thu-nghiem');
    expect(email.body).toContain('[CẢNH BÁO MỚI – chậm tiến độ]');
    expect(email.body).toContain('Xác nhận bằng cách trả lời thư này');
    expect(email.body).not.toContain('dtwatch ack');
  });

  it('week 0 again: the same run key sends nothing; a revision that keeps the status sends nothing', async () => {
    const date = monday(0);
    expect((await run(date, '09:15')).sent).toEqual([]);
    await report(date, { 'so-a': behindA(date) + 1 });
    const revised = await run(date, '10:00', `${date}-revised`);
    expect(revised.sent).toEqual([]);
    expect(revised.counts).toMatchObject({ opened: 0, reminded: 0, resolved: 0 });
  });

  it('week 1: a reminder after seven days', async () => {
    const date = monday(1);
    await report(date, { 'so-a': behindA(date), 'so-b': onTrack(date), tinh: onTrack(date) });
    const { counts, sent } = await run(date);
    expect(sent).toEqual([`email ${headA.email}`, `sms ${headA.phone}`]);
    expect(counts.reminded).toBe(1);
    expect(lastTo(headA.email).body).toContain('[NHẮC LẠI – chậm tiến độ]');
    expect(lastTo(headA.phone, 'sms').body).toMatch(/^Ngay 10\/03\/2025, So A: 1 chi tieu cham tien do/);
  });

  it('weeks 2 and 3: an acknowledgement until 30 March pauses the reminders', async () => {
    await store.putAcknowledgement({
      programme: programme.id,
      unit: 'so-a',
      indicator: 'ho-so',
      until: '2025-03-30',
      note: 'Kế hoạch: số hoá hồ sơ tồn đọng trong tháng 3',
      by: 'Văn phòng Sở A',
      createdAt: '2025-03-11T02:00:00Z',
    });
    for (const week of [2, 3]) {
      const date = monday(week);
      await report(date, { 'so-a': behindA(date), 'so-b': onTrack(date), tinh: onTrack(date) });
      const { counts, sent } = await run(date);
      expect(sent).toEqual([]);
      expect(counts.suppressedByAck).toBe(1);
    }
  });

  it('week 4: the acknowledgement expired: reminders resume (28 days open, no escalation yet)', async () => {
    const date = monday(4);
    await report(date, { 'so-a': behindA(date), tinh: onTrack(date) }); // B stops reporting after week 3
    const { counts, sent } = await run(date);
    expect(sent).toEqual([`email ${headA.email}`, `sms ${headA.phone}`]);
    expect(counts).toMatchObject({ reminded: 1, escalated: 0 });
  });

  it('week 5: 35 days open: escalated to the province head, the unit head is told who was informed', async () => {
    const date = monday(5);
    await report(date, { 'so-a': behindA(date), tinh: onTrack(date) });
    const { counts, sent } = await run(date);
    expect(sent).toEqual([
      `email ${provinceHead.email}`,
      `email ${headA.email}`,
      `sms ${provinceHead.phone}`,
      `sms ${headA.phone}`,
    ]);
    expect(counts.escalated).toBe(1);
    // A roll-up, not the item: counts, the worst alert with its figures, and where to see the rest.
    expect(lastTo(provinceHead.email).subject).toBe('[Tỉnh Thử] 1 cảnh báo ở 1 đơn vị cấp dưới – thu-nghiem');
    expect(lastTo(provinceHead.email).body).toContain('TỔNG HỢP ĐƠN VỊ CẤP DƯỚI: 1 cảnh báo ở 1 đơn vị');
    expect(lastTo(provinceHead.email).body).toMatch(/1\. Sở A – .*: .*\(mở 35 ngày\)/);
    expect(lastTo(headA.email).body).toContain('Đồng thời đã thông báo: Chủ tịch UBND tỉnh (Tỉnh Thử).');
  });

  it('week 6: B has not reported for 21 days: a stale-report alert to its head (no data contact); A reminded', async () => {
    const date = monday(6);
    await report(date, { 'so-a': behindA(date), tinh: onTrack(date) });
    const { counts, sent } = await run(date);
    expect(sent).toEqual([
      `email ${headA.email}`,
      `email ${headB.email}`,
      `sms ${headA.phone}`,
      `sms ${headB.phone}`,
    ]);
    expect(counts).toMatchObject({ opened: 1, reminded: 1, escalated: 0 });
    expect(lastTo(headB.email).body).toContain('[CẢNH BÁO MỚI – quá hạn báo cáo]');
    expect(lastTo(headB.email).body).toContain('Báo cáo gần nhất ngày 24/03/2025, đã 21 ngày chưa cập nhật');
  });

  it('week 7: A is back on track: one resolution notice to its head and to the province head; B reminded', async () => {
    const date = monday(7);
    await report(date, { 'so-a': onTrack(date), tinh: onTrack(date) });
    const { counts, sent } = await run(date);
    expect(sent).toEqual([
      `email ${provinceHead.email}`,
      `email ${headA.email}`,
      `email ${headB.email}`,
      `sms ${provinceHead.phone}`,
      `sms ${headA.phone}`,
      `sms ${headB.phone}`,
    ]);
    expect(counts).toMatchObject({ resolved: 1, opened: 0, reminded: 1 });
    expect(lastTo(provinceHead.email).body).toContain(
      'Tin vui: 1 cảnh báo của các đơn vị cấp dưới đã được khắc phục.',
    );
    expect(lastTo(headA.email).body).toContain('[ĐÃ KHẮC PHỤC – chậm tiến độ]');
    expect(lastTo(headA.email).subject).toBe('[Sở A] 1 chỉ tiêu đã khắc phục – thu-nghiem');
    expect(lastTo(headA.phone, 'sms').body).toContain('da khac phuc');
  });

  it('week 8: B reports again: its stale alert resolves; A stays quiet', async () => {
    const date = monday(8);
    await report(date, { 'so-a': onTrack(date), 'so-b': onTrack(date), tinh: onTrack(date) });
    const { counts, sent } = await run(date);
    expect(sent).toEqual([`email ${headB.email}`, `sms ${headB.phone}`]);
    expect(counts.resolved).toBe(1);
  });

  it('week 9, 22:30: B falls behind: the e-mail goes now, the SMS waits for the morning', async () => {
    const date = monday(9);
    await report(date, { 'so-b': behindA(date), tinh: onTrack(date) }); // A stops reporting after week 8
    const { counts, sent } = await run(date, '22:30');
    expect(sent).toEqual([`email ${headB.email}`]);
    expect(counts).toMatchObject({ opened: 1, deferred: 1, sent: { sms: 0, email: 1 } });
  });

  it('the morning after, 08:00: the deferred SMS goes, and nothing else', async () => {
    const { counts, sent } = await run('2025-05-06');
    expect(sent).toEqual([`sms ${headB.phone}`]);
    expect(counts).toMatchObject({ opened: 0, reminded: 0, deferred: 0 });
    expect(lastTo(headB.phone, 'sms').body).toMatch(/^Ngay 06\/05\/2025, So B: 1 chi tieu cham tien do/);
  });

  it('week 10: B reminded', async () => {
    const date = monday(10);
    await report(date, { 'so-b': behindA(date), tinh: onTrack(date) });
    const { sent } = await run(date);
    expect(sent).toEqual([`email ${headB.email}`, `sms ${headB.phone}`]);
  });

  it('week 11: A has not reported for 21 days: the stale alert goes to its data contact; B reminded', async () => {
    const date = monday(11);
    await report(date, { 'so-b': behindA(date), tinh: onTrack(date) });
    const { counts, sent } = await run(date);
    expect(sent).toEqual([`email ${headB.email}`, `email ${dataA.email}`, `sms ${headB.phone}`]);
    expect(counts).toMatchObject({ opened: 1, reminded: 1 });
    expect(lastTo(dataA.email).body).toContain('Đề nghị: cập nhật số liệu');
  });

  it('no log line of the whole scenario shows a phone number or an e-mail address', () => {
    expect(contactsIn(output.text(), ALL_ADDRESSES)).toEqual([]);
  });
});
