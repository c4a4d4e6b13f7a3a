// Free practice: the trainee writes a post in the sandbox and a small simulated audience answers it, in the
// post's language, by rules: a fan, a customer with a question, a journalist who quotes it, a critic who goes
// after the trainee's latest reply, a troll, and the critic again if nobody answered. The result is an ordinary
// scenario, so the same engine, checks and debrief run it.
import { detectLanguage, sentiment } from '../listening/nlp/index.ts';
import type { Locale } from '../team/schema.ts';
import { DRILL_FORMAT, type Scenario, scenarioSchema } from './scenario.ts';

type L<T = string> = Record<Locale, T>;

const STOP: L<string[]> = {
  en: [
    'about',
    'after',
    'again',
    'their',
    'there',
    'these',
    'those',
    'which',
    'would',
    'could',
    'should',
    'today',
    'where',
    'while',
    'every',
  ],
  nb: [
    'ikke',
    'etter',
    'denne',
    'dette',
    'disse',
    'hvordan',
    'hvorfor',
    'mellom',
    'fordi',
    'gjennom',
    'under',
    'andre',
    'kunne',
    'skulle',
    'også',
  ],
  da: [
    'ikke',
    'efter',
    'denne',
    'dette',
    'disse',
    'hvordan',
    'hvorfor',
    'mellem',
    'fordi',
    'gennem',
    'under',
    'andre',
    'kunne',
    'skulle',
    'også',
  ],
  de: [
    'nicht',
    'nach',
    'diese',
    'dieser',
    'dieses',
    'warum',
    'zwischen',
    'durch',
    'unter',
    'andere',
    'könnte',
    'sollte',
    'heute',
    'wieder',
    'einen',
  ],
};

const FALLBACK_TOPIC: L = { en: 'this', nb: 'dette', da: 'det her', de: 'das' };

/** The most telling word of the post: the longest word that is not a filler (hashtags count without the #). */
export function topicWord(text: string, locale: Locale): string {
  const words = (text.match(/[#@]?[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? [])
    .filter((w) => !w.startsWith('@') && !/^https?/i.test(w))
    .map((w) => w.replace(/^#/, ''))
    .filter((w) => w.length >= 5 && !STOP[locale].includes(w.toLocaleLowerCase('und')));
  const best = words.reduce<string | undefined>((a, w) => (a && a.length >= w.length ? a : w), undefined);
  return best ? best.slice(0, 30) : FALLBACK_TOPIC[locale];
}

/** The post's language when it is one of ours (nynorsk reads as bokmål), else the UI language. */
export function practiceLocale(text: string, fallback: Locale): Locale {
  const { lang } = detectLanguage(text);
  if (lang === 'nn' || lang === 'nb') return 'nb';
  return lang === 'en' || lang === 'da' || lang === 'de' ? (lang as Locale) : fallback;
}

const T = {
  fanUp: {
    en: 'Love this! {t} is exactly what we need more of 👏',
    nb: 'Så bra! {t} er akkurat det vi trenger mer av 👏',
    da: 'Hvor er det godt! {t} er præcis det, vi har brug for mere af 👏',
    de: 'Großartig! {t} ist genau das, wovon wir mehr brauchen 👏',
  },
  fanDown: {
    en: 'Thanks for being open about this. I hope {t} gets sorted soon.',
    nb: 'Takk for at dere er åpne om dette. Håper {t} løser seg snart.',
    da: 'Tak fordi I er åbne om det. Jeg håber, {t} bliver løst snart.',
    de: 'Danke, dass ihr so offen darüber sprecht. Ich hoffe, {t} klärt sich bald.',
  },
  customer: {
    en: 'Quick question: what does {t} mean for existing customers like me?',
    nb: 'Kjapt spørsmål: hva betyr {t} for oss som allerede er kunder?',
    da: 'Hurtigt spørgsmål: hvad betyder {t} for os, der allerede er kunder?',
    de: 'Kurze Frage: Was bedeutet {t} für Bestandskunden wie mich?',
  },
  journalist: {
    en: 'Interesting. Could you say more about {t}? I am writing about this today – who can I talk to?',
    nb: 'Interessant. Kan dere si mer om {t}? Jeg skriver om dette i dag – hvem kan jeg snakke med?',
    da: 'Interessant. Kan I sige mere om {t}? Jeg skriver om det i dag – hvem kan jeg tale med?',
    de: 'Spannend. Können Sie mehr zu {t} sagen? Ich schreibe heute darüber – wer steht für ein Gespräch bereit?',
  },
  critic: {
    en: 'Sounds nice, but we have heard promises about {t} before. What is actually different this time?',
    nb: 'Høres fint ut, men vi har hørt løfter om {t} før. Hva er egentlig annerledes denne gangen?',
    da: 'Det lyder fint, men vi har hørt løfter om {t} før. Hvad er egentlig anderledes denne gang?',
    de: 'Klingt schön, aber Versprechen zu {t} haben wir schon oft gehört. Was ist diesmal wirklich anders?',
  },
  troll: {
    en: 'lol nobody believes a word of this',
    nb: 'haha, ingen tror på et ord av dette',
    da: 'haha, ingen tror på et ord af det her',
    de: 'lol, das glaubt euch doch keiner',
  },
  criticAgain: {
    en: 'Still no answer? That says it all.',
    nb: 'Fortsatt ikke noe svar? Det sier vel alt.',
    da: 'Stadig intet svar? Det siger vel alt.',
    de: 'Immer noch keine Antwort? Das sagt doch alles.',
  },
} satisfies Record<string, L>;

const fill = (texts: L, topic: string, locale: Locale): L => {
  // Only the post's language has the post's word; the others read the same template with a neutral topic.
  const out = {} as L;
  for (const l of Object.keys(texts) as Locale[]) {
    out[l] = texts[l]
      .replaceAll('{t}', l === locale ? topic : FALLBACK_TOPIC[l])
      .replace(/^\p{Ll}/u, (c) => c.toUpperCase());
  }
  return out;
};

export function practiceScenario(text: string, uiLocale: Locale): { scenario: Scenario; locale: Locale } {
  const locale = practiceLocale(text, uiLocale);
  const topic = topicWord(text, locale);
  const negative = sentiment(text, locale).label === 'negative';
  const scenario = scenarioSchema.parse({
    format: DRILL_FORMAT,
    version: 1,
    slug: 'practice',
    title: { en: 'Free practice', nb: 'Fri trening', da: 'Fri træning', de: 'Freies Üben' },
    description: {
      en: 'Your own post in the sandbox, answered by a small simulated audience.',
      nb: 'Ditt eget innlegg i sandkassen, besvart av et lite simulert publikum.',
      da: 'Dit eget opslag i sandkassen, besvaret af et lille simuleret publikum.',
      de: 'Dein eigener Beitrag in der Sandbox, beantwortet von einem kleinen simulierten Publikum.',
    },
    role: {
      en: 'You answer for your organisation.',
      nb: 'Du svarer på vegne av organisasjonen din.',
      da: 'Du svarer på vegne af din organisation.',
      de: 'Du antwortest für deine Organisation.',
    },
    audience: [
      { handle: 'siri_fan', name: 'Siri Dahl', persona: 'fan' },
      { handle: 'kunde_per', name: 'Per Lunde', persona: 'customer' },
      { handle: 'nora_news', name: 'Nora Vik', persona: 'journalist' },
      { handle: 'kritisk_kim', name: 'Kim Brekke', persona: 'critic' },
      { handle: 'troll_tom', name: 'Tom T.', persona: 'troll' },
    ],
    beats: [
      {
        id: 'fan',
        at: 5,
        member: 'siri_fan',
        action: 'reply',
        to: 'trainee_last',
        text: fill(negative ? T.fanDown : T.fanUp, topic, locale),
      },
      {
        id: 'customer',
        at: 15,
        member: 'kunde_per',
        action: 'reply',
        to: 'trainee_last',
        text: fill(T.customer, topic, locale),
        expectsAnswer: true,
      },
      {
        id: 'journalist',
        at: 30,
        member: 'nora_news',
        action: 'quote',
        to: 'trainee_last',
        text: fill(T.journalist, topic, locale),
        expectsAnswer: true,
      },
      {
        id: 'critic',
        at: 45,
        member: 'kritisk_kim',
        action: 'criticise',
        to: 'trainee_last',
        text: fill(T.critic, topic, locale),
        expectsAnswer: true,
      },
      {
        id: 'troll',
        at: 70,
        member: 'troll_tom',
        action: 'reply',
        to: 'trainee_last',
        text: fill(T.troll, topic, locale),
      },
      {
        id: 'critic-again',
        at: 105,
        member: 'kritisk_kim',
        action: 'reply',
        to: 'critic',
        text: fill(T.criticAgain, topic, locale),
        if: { unanswered: 'critic' },
      },
    ],
    goodAnswer: {
      respondWithinSeconds: 60,
      summary: {
        en: 'Answer questions quickly and concretely, thank people who engage, offer a next step, and let the troll be.',
        nb: 'Svar raskt og konkret på spørsmål, takk dem som engasjerer seg, tilby et neste steg, og la trollet være.',
        da: 'Svar hurtigt og konkret på spørgsmål, tak dem der engagerer sig, tilbyd et næste skridt, og lad trolden være.',
        de: 'Beantworte Fragen schnell und konkret, danke denen, die sich beteiligen, biete einen nächsten Schritt an und lass den Troll in Ruhe.',
      },
      expected: [
        {
          id: 'thanks',
          label: {
            en: 'Thanks people for engaging',
            nb: 'Takker for engasjementet',
            da: 'Takker for engagementet',
            de: 'Bedankt sich für die Beteiligung',
          },
          phrases: {
            en: ['thank', 'thanks'],
            nb: ['takk', 'tusen takk'],
            da: ['tak', 'tusind tak'],
            de: ['danke', 'vielen dank'],
          },
        },
        {
          id: 'next-step',
          label: {
            en: 'Offers a next step',
            nb: 'Tilbyr et neste steg',
            da: 'Tilbyder et næste skridt',
            de: 'Bietet einen nächsten Schritt an',
          },
          phrases: {
            en: ['contact', 'get back', 'message', 'call', 'email'],
            nb: ['kontakt', 'ta kontakt', 'melding', 'ring', 'e-post', 'kommer tilbake'],
            da: ['kontakt', 'besked', 'ring', 'e-mail', 'vender tilbage'],
            de: ['kontakt', 'nachricht', 'anrufen', 'e-mail', 'melden uns'],
          },
        },
      ],
      forbidden: [
        {
          id: 'insult',
          label: {
            en: 'Insults someone',
            nb: 'Fornærmer noen',
            da: 'Fornærmer nogen',
            de: 'Beleidigt jemanden',
          },
          phrases: {
            en: ['idiot', 'stupid', 'shut up', 'moron'],
            nb: ['idiot', 'dum', 'dust', 'hold kjeft'],
            da: ['idiot', 'dum', 'hold kæft', 'fjols'],
            de: ['idiot', 'dumm', 'halt die klappe', 'depp'],
          },
        },
      ],
    },
  });
  return { scenario, locale };
}
