import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: a feed's token is its only key, so it must not be guessable. */
export const newFeedToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of a token: its SHA-256, so a leaked table opens no calendar. */
export const hashFeedToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** Tokens look like this; anything else is not looked up at all. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
