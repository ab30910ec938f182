import { compareMutes, DuplicateMuteError, type Mute } from '../../alerts/mute.ts';
import type { Mutes } from '../../ports/mutes.ts';

/** The Mutes port in memory (tests, simulations). */
export class InMemoryMutes implements Mutes {
  private readonly mutes = new Map<string, Mute>();

  async putMute(mute: Mute): Promise<void> {
    const key = `${mute.programme}#${mute.id}`;
    if (this.mutes.has(key)) throw new DuplicateMuteError(mute.id);
    this.mutes.set(key, structuredClone(mute));
  }

  async listMutes(programme: string): Promise<Mute[]> {
    return [...this.mutes.values()]
      .filter((mute) => mute.programme === programme)
      .sort(compareMutes)
      .map((mute) => structuredClone(mute));
  }

  async removeMute(programme: string, id: string, removed: { at: string; by: string }): Promise<boolean> {
    const key = `${programme}#${id}`;
    const mute = this.mutes.get(key);
    if (!mute || mute.removed) return false;
    this.mutes.set(key, { ...mute, removed: { ...removed } });
    return true;
  }
}
