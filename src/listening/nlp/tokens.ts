// Splits a post into the tokens sentiment scoring looks at: words, emoji, emoticons and clause punctuation.
// Links and @handles are dropped; a hashtag counts as its word.

export type TokenKind = 'word' | 'emoji' | 'emoticon' | 'break' | 'stop';

export interface Token {
  kind: TokenKind;
  /** Lower-cased word, emoji without variation selectors or skin tones, or the punctuation itself. */
  text: string;
  /** A word written in capitals (at least 3 letters) while the rest of the post is not: shouting. */
  shouted: boolean;
}

// One alternation, tried left to right at each position; the first group that matched names the kind.
const SCANNER = new RegExp(
  [
    // No alternative may backtrack over a long token (an e-mail pattern like \S+@ did): keep the scan linear.
    String.raw`(?<skip>https?:\/\/\S+|www\.\S+|@[\w.-]+)`,
    // Emoticons need a boundary before them so "8)" in a numbered list or ":(" inside a word stays out.
    String.raw`(?<emoticon>(?<![\p{L}\p{N}])(?:[:;=][-'^o]?[)(\]\[dDpP/\\|*3oO]|[xX][dD]|<\/?3|\^\^|\^_\^)(?![\p{L}\p{N}]))`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*)`,
    String.raw`(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*)`,
    String.raw`(?<stop>[.!?]+|[;:…]|\s[-–—]\s)`,
    '(?<break>,)',
  ].join('|'),
  'gu',
);

const EMOJI_NOISE = /[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Shouting only means something against a post that is otherwise in normal case.
  const allCaps = text === text.toUpperCase();
  for (const m of text.matchAll(SCANNER)) {
    const g = m.groups!;
    if (g.skip !== undefined) continue;
    if (g.word !== undefined) {
      const raw = g.word;
      tokens.push({
        kind: 'word',
        text: raw.toLowerCase().replace(/’/g, "'"),
        shouted: !allCaps && raw.length >= 3 && raw === raw.toUpperCase() && raw !== raw.toLowerCase(),
      });
    } else if (g.emoji !== undefined) {
      tokens.push({ kind: 'emoji', text: g.emoji.replace(EMOJI_NOISE, ''), shouted: false });
    } else if (g.emoticon !== undefined) {
      tokens.push({ kind: 'emoticon', text: g.emoticon, shouted: false });
    } else if (g.stop !== undefined) {
      tokens.push({ kind: 'stop', text: g.stop.trim(), shouted: false });
    } else if (g.break !== undefined) {
      tokens.push({ kind: 'break', text: ',', shouted: false });
    }
  }
  return tokens;
}
