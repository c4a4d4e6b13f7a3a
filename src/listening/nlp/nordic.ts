// Word and spelling markers that tell Danish from Norwegian and bokmål from nynorsk, where n-gram detectors are weakest.
// The lists are the spelling reforms' tell-tale forms, not a vocabulary: only words one norm uses and the other does not.

// Maps, not plain objects: a word in a post is any string, and an object would answer "constructor" or
// "__proto__" with what it inherits (a function) and turn the sum into a string.

/** Positive weight: Norwegian; negative: Danish. */
const NORWEGIAN_VS_DANISH = new Map<string, number>();

function mark(words: string, weight: number, table: Map<string, number>): void {
  for (const w of words.split(/\s+/)) if (w) table.set(w, weight);
}

// Function words are the strongest signal: frequent, short, and spelled differently in every sentence.
mark('av ut opp nå meg deg seg hva noe noen mye litt takk dere våre vårt', 2, NORWEGIAN_VS_DANISH);
mark(
  'igjen aldri sier tror kanskje hadde vært skjer gjør gjøre gjennom mellom ennå sånn',
  2,
  NORWEGIAN_VS_DANISH,
);
mark(
  'ikkje eg kva korleis kvifor kven noko nokon mykje berre heile heilt frå ein eit dykk att',
  2,
  NORWEGIAN_VS_DANISH,
);
mark(
  'uke uker veke veker ble blir blitt bok kake kjøpe kjøpt kjøper lage lager gate måte lese leser',
  1.5,
  NORWEGIAN_VS_DANISH,
);
mark(
  'tenke tenker neste spennende henne deilig riktig gøy morsom gutt unger tjue noensinne nei veldig',
  1.5,
  NORWEGIAN_VS_DANISH,
);
mark(
  'skikkelig altfor fortsatt trøtt gleder hjelpe hjelper spørre kjempe klokka verdt',
  1.5,
  NORWEGIAN_VS_DANISH,
);
mark(
  'af ud op nu mig dig sig hvad noget nogen nogle meget lidt tak jer jeres vores',
  -2,
  NORWEGIAN_VS_DANISH,
);
mark(
  'igen aldrig siger måske havde været sker gør gøre igennem mellem endnu sådan hvornår',
  -2,
  NORWEGIAN_VS_DANISH,
);
mark(
  'uge uger bliver blev blevet bog kage købe købt køber lave laver gade måde læse læser',
  -1.5,
  NORWEGIAN_VS_DANISH,
);
mark(
  'tænke tænker næste spændende hende dejlig dejligt rigtig rigtigt sjov sjovt fedt vildt pige dreng',
  -1.5,
  NORWEGIAN_VS_DANISH,
);
mark(
  'børn tyve nogensinde nej lige simpelthen træt glæder hjælpe hjælper spørge selvom',
  -1.5,
  NORWEGIAN_VS_DANISH,
);
mark('efter værd', -2, NORWEGIAN_VS_DANISH);
// Shared words whose letters would otherwise trip the spelling patterns.
mark('være vært', 0, NORWEGIAN_VS_DANISH);
// Everyday vocabulary that differs between the two, and the months both write differently.
mark(
  'desember vei vann snø penger arbeid arbeider sjef møte vakker stygg feil spørsmål unnskyld',
  1.5,
  NORWEGIAN_VS_DANISH,
);
mark('alltid mer verst dritt kald kaldt hei lei mars mai bedrift', 1, NORWEGIAN_VS_DANISH);
mark(
  'december vej vand sne penge arbejde arbejder chef møde smuk grim grimt forkert fejl spørgsmål',
  -1.5,
  NORWEGIAN_VS_DANISH,
);
mark(
  'undskyld altid mere værst skidt kold koldt hej ked marts maj kedelig tit virksomhed',
  -1.5,
  NORWEGIAN_VS_DANISH,
);
mark('stadig', -0.5, NORWEGIAN_VS_DANISH);

// Spelling patterns inside words: Danish ej/øj/æ and -tion/-hed/-skab against Norwegian ei/øy, kj/gj and -sjon/-het/-skap.
const NORWEGIAN_PATTERNS: [RegExp, number][] = [
  [/ei/, 0.7],
  [/øy/, 1],
  [/(?:^|[^s])kj|gj|skj/, 1],
  [/sjon(?:en|er|ene)?$/, 1.5],
  [/het(?:en|er|ene)?$/, 1],
  [/skap(?:et|er|ene)?$/, 1],
  [/(?:kk|pp|tt)$/, 0.4],
  [/full(?:t|e)?$/, 1],
  [/sosial/, 1],
  // Bokmål and nynorsk feminine definite forms (boka, helga); Danish nouns rarely end in a bare -a.
  [/[^aeiouyæøåz]a$/, 0.5],
];
const DANISH_PATTERNS: [RegExp, number][] = [
  [/ej/, 1],
  [/øj/, 1.2],
  [/æ/, 0.5],
  [/tion(?:en|er|erne)?$/, 1.5],
  [/hed(?:en|er|erne)?$/, 1],
  [/skab(?:et|er|erne)?$/, 1],
  [/erne$/, 0.6],
  [/fuld(?:t|e)?$/, 1],
  // Danish keeps the c of loanwords (social, konference) where Norwegian writes s or k.
  [/(?<!s)c[eiy]/, 1],
];

/** Lower-cased words of a text, letters only, for marker counting. */
export function markerWords(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** Evidence that a Scandinavian text is Norwegian (> 0) rather than Danish (< 0). */
export function norwegianVsDanish(words: readonly string[], original: string): number {
  let score = 0;
  for (const w of words) {
    const weight = NORWEGIAN_VS_DANISH.get(w);
    if (weight !== undefined) {
      score += weight;
      continue;
    }
    if (w.length < 4) continue;
    for (const [re, wgt] of NORWEGIAN_PATTERNS) if (re.test(w)) score += wgt;
    for (const [re, wgt] of DANISH_PATTERNS) if (re.test(w)) score -= wgt;
  }
  // Danish capitalises the plural "you" (I); in Norwegian a lone capital I mid-sentence is rare.
  if (/\S\s+I\s+\p{Ll}/u.test(original)) score -= 1.5;
  return score;
}

/** Positive weight: nynorsk; negative: bokmål. */
const NYNORSK_VS_BOKMAL = new Map<string, number>();
mark('ikkje korleis kvifor mykje', 3, NYNORSK_VS_BOKMAL);
mark(
  'eg kva kven berre noko nokon nokre frå heile heilt sjølv sjølvsagt meir eige eigen eigne',
  2,
  NYNORSK_VS_BOKMAL,
);
mark(
  'vere vore vorte kjem veit sjå fekk gjekk såg trur gjere gjera dykk dykkar enno framleis',
  2,
  NYNORSK_VS_BOKMAL,
);
mark(
  'ein eit òg veke veker skule gong gongar tilbod døme laurdag sundag måndag tysdag saman',
  2,
  NYNORSK_VS_BOKMAL,
);
mark(
  'dei deira deim ho kor kvar vart høg høgare morgon difor sidan hjå att medan fleire',
  1.5,
  NYNORSK_VS_BOKMAL,
);
mark(
  'gjer tykkjer synest høyrer fann budde me då heim gut vener no kvart ligg tek gjev held finn døyr',
  0.8,
  NYNORSK_VS_BOKMAL,
);
mark('seier', 0.3, NYNORSK_VS_BOKMAL);
// Strong verbs: nynorsk keeps a short present tense (gjeld, held) where bokmål adds -er.
mark('endå hald held gjeld tilrår tilrå', 1.5, NYNORSK_VS_BOKMAL);
mark('enda hold holder gjelder anbefaler', -1, NYNORSK_VS_BOKMAL);
// Shared words that only look like one norm's superlative.
mark('beste neste fast kast kaste faste', 0, NYNORSK_VS_BOKMAL);
mark('ikke hvordan hvorfor mye', -3, NYNORSK_VS_BOKMAL);
mark('jeg hva hvem bare noe noen fra hele helt selv selvsagt mer egen eget egne', -2, NYNORSK_VS_BOKMAL);
mark(
  'være vært vet se fikk gikk tror gjøre dere deres ennå fortsatt uke uker skole tilbud',
  -2,
  NYNORSK_VS_BOKMAL,
);
mark(
  'en et lørdag søndag mandag tirsdag sammen hun hvor ble høy høyere morgen derfor siden hvis',
  -1.5,
  NYNORSK_VS_BOKMAL,
);
mark(
  'gjør sier kommer synes hører fant bodde nå hjem gutt venner hver hvert hvilken hvilke hvilket ligger tar gir holder',
  -0.8,
  NYNORSK_VS_BOKMAL,
);

// Suffixes: nynorsk -leg/-leik/-heit and -ar/-ane inflection against bokmål -lig/-het and -er/-ene.
const NYNORSK_SUFFIXES: [RegExp, number][] = [
  [/leg(?:e|t|are|aste)?$/, 1.5],
  [/(?:leik|heit)(?:en|ar|ane)?$/, 1.5],
  [/ande$/, 1],
  // Superlatives: nynorsk -aste/-ast (billegaste), bokmål -este/-est.
  [/[^aeiouyæøå]aste?$/, 1],
  [/[^aeiouyæøå]ane$/, 1],
  [/[^aeiouyæøåv]ar$/, 0.5],
];
const BOKMAL_SUFFIXES: [RegExp, number][] = [
  [/lig(?:e|t|ere|ste)?$/, 1.5],
  [/het(?:en|er|ene)?$/, 1.5],
  [/ende$/, 0.5],
  [/[^aeiouyæøå]este?$/, 0.5],
  [/[^aeiouyæøå]ene$/, 0.5],
];
// Everyday bokmål words that happen to end like a nynorsk inflection.
const NOT_NYNORSK = new Set([
  'svar',
  'klar',
  'seminar',
  'dollar',
  'radar',
  'par',
  'bar',
  'nektar',
  'kalender',
  'sommer',
]);

/** Evidence that a Norwegian text is nynorsk (> 0) rather than bokmål (< 0). */
export function nynorskVsBokmal(words: readonly string[]): number {
  let score = 0;
  for (const w of words) {
    const weight = NYNORSK_VS_BOKMAL.get(w);
    if (weight !== undefined) {
      score += weight;
      continue;
    }
    if (w.length < 5 || NOT_NYNORSK.has(w)) continue;
    for (const [re, wgt] of NYNORSK_SUFFIXES) if (re.test(w)) score += wgt;
    for (const [re, wgt] of BOKMAL_SUFFIXES) if (re.test(w)) score -= wgt;
  }
  return score;
}

// The same two scores with what each word adds remembered: a feed repeats its words, and the table lookups and
// ~20 patterns per word were most of the cost of a Scandinavian post. A word's additions are kept as the list of
// values the functions above add for it, in their order (a table weight, or the matching patterns' weights with
// the subtracted ones negated: x - w is x + -w exactly), so every sum is theirs to the bit;
// language-equivalence.test.ts compares them.

/** Words remembered before the memo starts over: a few MB at most. */
const MEMO_WORDS = 50_000;
const NOTHING: readonly number[] = [];

interface WordMarks {
  /** What norwegianVsDanish adds for the word. */
  readonly nd: readonly number[];
  /** What nynorskVsBokmal adds for the word. */
  readonly nn: readonly number[];
}

const memo = new Map<string, WordMarks>();

function additions(
  w: string,
  weight: number | undefined,
  skip: boolean,
  plus: readonly [RegExp, number][],
  minus: readonly [RegExp, number][],
): readonly number[] {
  if (weight !== undefined) return [weight];
  if (skip) return NOTHING;
  const found: number[] = [];
  for (const [re, wgt] of plus) if (re.test(w)) found.push(wgt);
  for (const [re, wgt] of minus) if (re.test(w)) found.push(-wgt);
  return found.length ? found : NOTHING;
}

function marksOf(w: string): WordMarks {
  let m = memo.get(w);
  if (m === undefined) {
    m = {
      nd: additions(w, NORWEGIAN_VS_DANISH.get(w), w.length < 4, NORWEGIAN_PATTERNS, DANISH_PATTERNS),
      nn: additions(
        w,
        NYNORSK_VS_BOKMAL.get(w),
        w.length < 5 || NOT_NYNORSK.has(w),
        NYNORSK_SUFFIXES,
        BOKMAL_SUFFIXES,
      ),
    };
    if (memo.size >= MEMO_WORDS) memo.clear();
    memo.set(w, m);
  }
  return m;
}

/** norwegianVsDanish, with each word's additions remembered. */
export function norwegianVsDanishMemo(words: readonly string[], original: string): number {
  let score = 0;
  for (const w of words) {
    const add = marksOf(w).nd;
    for (let i = 0; i < add.length; i++) score += add[i]!;
  }
  if (/\S\s+I\s+\p{Ll}/u.test(original)) score -= 1.5;
  return score;
}

/** nynorskVsBokmal, with each word's additions remembered. */
export function nynorskVsBokmalMemo(words: readonly string[]): number {
  let score = 0;
  for (const w of words) {
    const add = marksOf(w).nn;
    for (let i = 0; i < add.length; i++) score += add[i]!;
  }
  return score;
}

/**
 * Both scores at once, each word looked up once: `nd` is norwegianVsDanishMemo(words, original) and `nn`
 * nynorskVsBokmalMemo(words), to the bit (the same additions in the same order).
 */
export function scandinavianScores(words: readonly string[], original: string): { nd: number; nn: number } {
  let nd = 0;
  let nn = 0;
  for (const w of words) {
    const m = marksOf(w);
    for (let i = 0; i < m.nd.length; i++) nd += m.nd[i]!;
    for (let i = 0; i < m.nn.length; i++) nn += m.nn[i]!;
  }
  if (/\S\s+I\s+\p{Ll}/u.test(original)) nd -= 1.5;
  return { nd, nn };
}
