import type { SignInTokens } from '../../ports/sign-in-tokens.ts';

/** Spent sign-in links in memory. */
export class MemorySignInTokens implements SignInTokens {
  private readonly spent = new Set<string>();

  async spendSignInToken(programme: string, tokenId: string): Promise<boolean> {
    const key = `${programme}\u0000${tokenId}`;
    if (this.spent.has(key)) return false;
    this.spent.add(key);
    return true;
  }
}
