/** Phase markers the cycle child prints on stderr, shared by the child and the parent test. */

/** The cycle's progress steps, in order (cli/local/monitoring-cycle.ts calls progress four times). */
export const CRASH_PHASE_OF_STEP = ['sample', 'ingest', 'notify', 'digest'] as const;

export type CrashPhase = 'start' | (typeof CRASH_PHASE_OF_STEP)[number] | 'done';

const PREFIX = '@@crash-marker ';

export function crashMarker(text: string): string {
  return `${PREFIX}${text}`;
}

/** The marker texts in a child's stderr, in order. */
export function markersIn(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith(PREFIX))
    .map((line) => line.slice(PREFIX.length));
}
