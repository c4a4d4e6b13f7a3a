// Sentiment rules, one behaviour per test, across the languages that share the rule.
import { describe, expect, it } from 'vitest';
import { createSentiment, type SentimentModel, sentiment } from './sentiment.ts';

const label = (text: string, lang: string) => sentiment(text, lang).label;
const score = (text: string, lang: string) => sentiment(text, lang).score;

describe('sentiment', () => {
  it('reads plain praise and complaints in every language', () => {
    expect(label('The support team was brilliant', 'en')).toBe('positive');
    expect(label('Kundeservicen var elendig', 'nb')).toBe('negative');
    expect(label('Kundeservicen var framifrå', 'nn')).toBe('positive');
    expect(label('Kundeservicen var forfærdelig', 'da')).toBe('negative');
    expect(label('Kundtjänsten var suverän', 'sv')).toBe('positive');
    expect(label('Der Kundenservice war furchtbar', 'de')).toBe('negative');
  });

  it('scores "forferdelig" as negative, which translated AFINN lists get wrong', () => {
    expect(score('Det var forferdelig', 'nb')).toBeLessThan(-0.5);
    expect(score('Det var forferdeleg', 'nn')).toBeLessThan(-0.5);
  });

  it('flips a positive word after a negation, within a few words', () => {
    for (const [text, lang] of [
      ['not good', 'en'],
      ['ikke bra', 'nb'],
      ['ikkje bra', 'nn'],
      ['ikke godt', 'da'],
      ['inte bra', 'sv'],
      ['nicht gut', 'de'],
      ['This is not really very good', 'en'],
      ['Ich bin mit dem Ergebnis überhaupt nicht zufrieden', 'de'],
    ] as const) {
      expect(label(text, lang), text).toBe('negative');
      expect(score(text.replace(/not |ikke |ikkje |inte |nicht /, ''), lang)).toBeGreaterThan(0);
    }
  });

  it('a negated negative word becomes mildly positive ("not bad")', () => {
    expect(label('Not bad at all', 'en')).toBe('positive');
    expect(label('Slett ikke dårlig', 'nb')).toBe('positive');
    expect(label('Gar nicht schlecht', 'de')).toBe('positive');
    expect(score('Not bad', 'en')).toBeLessThan(score('Good', 'en'));
  });

  it('negates the word before the negator in V2 word order ("virker ikke", "funktioniert nicht")', () => {
    expect(label('Appen virker ikke', 'nb')).toBe('negative');
    expect(label('Die App funktioniert nicht', 'de')).toBe('negative');
    expect(label('Jeg liker det ikke', 'nb')).toBe('negative');
    expect(label('Det funkar inte', 'sv')).toBe('negative');
  });

  it('ends the negation scope at a comma or after a few words', () => {
    expect(label('Not cheap, but excellent', 'en')).toBe('positive');
    expect(label('Ikke noe å si på det, maten var nydelig', 'nb')).toBe('positive');
  });

  it('"never so good" is praise, and "never … again" a verdict', () => {
    expect(label('Never had such friendly service', 'en')).toBe('positive');
    expect(label('Aldri fått så vennlig service', 'nb')).toBe('positive');
    expect(label('Jeg handler aldri der igjen', 'nb')).toBe('negative');
    expect(label('Ich bestelle dort nie wieder', 'de')).toBe('negative');
  });

  it('intensifiers raise the score and downtoners lower it', () => {
    for (const [plain, strong, lang] of [
      ['good', 'very good', 'en'],
      ['bra', 'veldig bra', 'nb'],
      ['godt', 'meget godt', 'da'],
      ['bra', 'mycket bra', 'sv'],
      ['gut', 'sehr gut', 'de'],
      ['bra', 'utrolig bra', 'nb'],
    ] as const) {
      expect(score(strong, lang), strong).toBeGreaterThan(score(plain, lang));
    }
    expect(score('slightly annoying', 'en')).toBeGreaterThan(score('annoying', 'en'));
  });

  it('"but" makes the second clause count more than the first', () => {
    expect(label('The food looked nice but tasted awful', 'en')).toBe('negative');
    expect(label('Var skeptisk, men kurset var faktisk nyttig', 'nb')).toBe('positive');
    expect(label('Das Design ist schön, aber die App ist langsam und nervig', 'de')).toBe('negative');
  });

  it('reads emoji and emoticons in any language, and on their own', () => {
    expect(label('😍', 'und')).toBe('positive');
    expect(label('Mandag igjen 🙄', 'nb')).toBe('negative');
    expect(label('Ny uke :)', 'nb')).toBe('positive');
    expect(label('Nouvelle semaine 😡', 'fr')).toBe('negative');
    expect(label('👍🏽 takk', 'nb')).toBe('positive');
    // A numbered list or a clock is not an emoticon.
    expect(label('Møte kl 15:30, punkt 8) på agendaen', 'nb')).toBe('neutral');
  });

  it('emoji are not flipped by a negation nearby', () => {
    expect(label('Not again 😡', 'en')).toBe('negative');
  });

  it('understands Germanic compounds: intensifying prefixes, valenced prefixes and meaningful last parts', () => {
    expect(score('kjempebra', 'nb')).toBeGreaterThan(score('bra', 'nb'));
    expect(label('Det var en drittjobb', 'nb')).toBe('negative');
    expect(label('Det er jättebra', 'sv')).toBe('positive');
    expect(label('Das war reine Zeitverschwendung', 'de')).toBe('negative');
    expect(label('Ein Traumwetter heute', 'de')).toBe('positive');
    expect(label('Jeg er misfornøyd', 'nb')).toBe('negative');
    expect(label('Sie war sehr unfreundlich', 'de')).toBe('negative');
  });

  it('finds inflected and nynorsk forms of listed words', () => {
    expect(label('Eg er skuffa og frustrert', 'nn')).toBe('negative');
    expect(label('For eit nydeleg og hyggeleg lag', 'nn')).toBe('positive');
    expect(label('Everyone loved it', 'en')).toBe('positive');
    expect(label('Die schlechtesten Bewertungen', 'de')).toBe('negative');
  });

  it('shouting makes a word count more', () => {
    expect(score('This is TERRIBLE', 'en')).toBeLessThan(score('This is terrible', 'en'));
  });

  it('turns a lone cheerful opener into sarcasm when the rest complains', () => {
    expect(label('Great, another delay.', 'en')).toBe('negative');
    expect(label('Supert, enda en forsinkelse.', 'nb')).toBe('negative');
    expect(label('Takk for ingenting', 'nb')).toBe('negative');
  });

  it('leaves plain information neutral', () => {
    expect(sentiment('The webinar starts at 3 pm CET', 'en')).toEqual({ label: 'neutral', score: 0 });
    expect(label('Toget går 08.15 fra spor 3', 'nb')).toBe('neutral');
    expect(label('Der Bericht umfasst das erste Quartal', 'de')).toBe('neutral');
  });

  it('keeps the score within [-1, 1] however much a post piles on', () => {
    const rant = 'terrible awful horrible disgusting worst '.repeat(50);
    expect(score(rant, 'en')).toBeGreaterThanOrEqual(-1);
    expect(score('amazing '.repeat(200), 'en')).toBeLessThanOrEqual(1);
  });

  it('stays linear on a long post without spaces', () => {
    const started = performance.now();
    sentiment('a.b@c'.repeat(20_000), 'en');
    sentiment('x'.repeat(100_000), 'nb');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('lets another model take over a language while the lexicon keeps the rest', () => {
    const alwaysHappy: SentimentModel = {
      name: 'test-model',
      supports: (lang) => lang === 'sv',
      score: () => ({ label: 'positive', score: 1 }),
    };
    const withModel = createSentiment([alwaysHappy]);
    expect(withModel('Det var dåligt', 'sv')).toEqual({ label: 'positive', score: 1 });
    expect(withModel('Det var dårlig', 'nb').label).toBe('negative');
  });

  it('treats a language code named like an Object.prototype member as a language without a lexicon', () => {
    for (const lang of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(sentiment('good :)', lang)).toEqual(sentiment('good :)', 'fr'));
      expect(sentiment('constructor toString __proto__ good', lang)).toEqual({ label: 'neutral', score: 0 });
    }
    expect(sentiment('constructor __proto__ hasOwnProperty is good', 'en').label).toBe('positive');
  });
});
