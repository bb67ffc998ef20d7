import type { FitsValue } from './card-value.js';

/** One header card (after joining CONTINUE long strings onto the card they extend). */
export interface Card {
  keyword: string;
  /** `undefined` for commentary cards (COMMENT, HISTORY, blank keyword, no value indicator). */
  value: FitsValue | undefined;
  comment: string;
  /** 1-based position of the card in the header. */
  index: number;
  /** The 80 raw characters. */
  raw: string;
}

/** A parsed header: its cards in order and typed look-ups by keyword (first occurrence wins). */
export class Header {
  readonly cards: readonly Card[];
  private readonly byKeyword = new Map<string, Card>();

  constructor(cards: Card[]) {
    this.cards = cards;
    for (const card of cards) {
      if (card.value !== undefined && !this.byKeyword.has(card.keyword)) {
        this.byKeyword.set(card.keyword, card);
      }
    }
  }

  has(keyword: string): boolean {
    return this.byKeyword.has(keyword);
  }

  card(keyword: string): Card | undefined {
    return this.byKeyword.get(keyword);
  }

  get(keyword: string): FitsValue | undefined {
    return this.byKeyword.get(keyword)?.value;
  }

  /** A numeric value (integers, floats and bigints as numbers); undefined when absent or not numeric. */
  number(keyword: string): number | undefined {
    const v = this.get(keyword);
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    return undefined;
  }

  string(keyword: string): string | undefined {
    const v = this.get(keyword);
    return typeof v === 'string' ? v : undefined;
  }

  boolean(keyword: string): boolean | undefined {
    const v = this.get(keyword);
    return typeof v === 'boolean' ? v : undefined;
  }

  /** Text of the COMMENT (or HISTORY) cards, in order. */
  commentary(keyword: 'COMMENT' | 'HISTORY'): string[] {
    return this.cards.filter((c) => c.keyword === keyword).map((c) => c.comment);
  }

  keywords(): string[] {
    return [...this.byKeyword.keys()];
  }
}
