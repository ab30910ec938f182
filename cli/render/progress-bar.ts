/**
 * A one-line progress bar redrawn in place on a terminal stream (stderr), for long ingests. Off
 * the terminal it draws nothing: a log file should not fill with carriage returns.
 */
export function progressBar(
  stream: NodeJS.WriteStream,
  label: string,
): { update(done: number, total: number): void; finish(): void } {
  const enabled = stream.isTTY === true;
  let drawn = false;
  let lastPercent = -1;
  return {
    update(done, total) {
      if (!enabled || total === 0) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      stream.write(
        `\r${label} ${bar} ${String(percent).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')}`,
      );
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
