import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDataDir, quietHoursEnd, quietLogs, resetAction } from '../../cli/local/start-options.ts';

describe('npm start options', () => {
  it('--as-of on the default data folder runs in a folder of its own, and says so', () => {
    const asOf = localDataDir({ asOf: '2025-12-31' });
    expect(asOf.dir).toBe(resolve('.dtwatch-as-of-2025-12-31'));
    expect(asOf.realRun).toBe(resolve('.dtwatch'));
    expect(localDataDir({}).dir).toBe(resolve('.dtwatch'));
    expect(localDataDir({ asOf: '2025-12-31', option: 'mine' })).toEqual({ dir: resolve('mine') });
    expect(localDataDir({ asOf: '2025-12-31', env: '/tmp/x' })).toEqual({ dir: '/tmp/x' });
  });

  it('--reset without a terminal is refused (the message says to add --yes); with --yes it deletes', () => {
    expect(resetAction({ reset: true, yes: false, interactive: false })).toBe('refuse');
    expect(resetAction({ reset: true, yes: false, interactive: true })).toBe('ask');
    expect(resetAction({ reset: true, yes: true, interactive: false })).toBe('delete');
    expect(resetAction({ reset: false, yes: true, interactive: false })).toBe('none');
  });

  it('log records are silenced on a terminal only, and LOG_LEVEL brings them back', () => {
    expect(quietLogs({ terminal: true, logLevel: undefined })).toBe(true);
    expect(quietLogs({ terminal: true, logLevel: 'INFO' })).toBe(false);
    expect(quietLogs({ terminal: false, logLevel: undefined })).toBe(false);
  });

  it('held SMS go at the end of the quiet hours, the next morning when held in the evening', () => {
    const hours = { start: '21:00', end: '07:00' };
    expect(quietHoursEnd(new Date('2026-11-18T15:00:00Z'), 'Asia/Ho_Chi_Minh', hours)).toEqual({
      date: '2026-11-19',
      time: '07:00',
    });
    expect(quietHoursEnd(new Date('2026-11-18T20:00:00Z'), 'Asia/Ho_Chi_Minh', hours)).toEqual({
      date: '2026-11-19',
      time: '07:00',
    });
  });
});
