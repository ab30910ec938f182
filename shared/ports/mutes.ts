import type { Mute } from '../alerts/mute.ts';

/** Silences (`dtwatch mute`): kept for ever, so that the store is also their audit. */
export interface Mutes {
  /** Adds a mute; refuses (throws) an id the programme already has. */
  putMute(mute: Mute): Promise<void>;
  /** Every mute of the programme, removed and expired ones included, oldest first. */
  listMutes(programme: string): Promise<Mute[]>;
  /**
   * Marks a mute removed (it stops holding alerts back at once); false when the programme has no
   * such mute or it was already removed.
   */
  removeMute(programme: string, id: string, removed: { at: string; by: string }): Promise<boolean>;
}
