/** How a message reaches a person. */
export type Channel = 'sms' | 'email';
