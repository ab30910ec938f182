/**
 * Spent sign-in links: a link opens a session once. `spend` records the link's id with a
 * conditional write, so two clicks racing each other cannot both succeed.
 */
export interface SignInTokens {
  /**
   * true: first use, now recorded; false: the link was used before. `expiresAt` (ISO instant)
   * is when the link expires: the record need not outlive it.
   */
  spendSignInToken(programme: string, tokenId: string, expiresAt: string): Promise<boolean>;
}
