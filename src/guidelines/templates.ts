// The starting point for an organisation's first guidelines, in its language. Written from the seeds' advice:
// guidelines should enable, not control (BI, advice 6; 004, point 2) — say what we want to achieve and what to
// watch out for, be made together with the people who follow them, and leave room to practise and to fix mistakes.
import type { Locale } from '../team/schema.ts';
import type { GuidelineSection } from './schema.ts';

type Template = { key: string; title: string; body: string }[];

const en: Template = [
  {
    key: 'achieve',
    title: 'What we want to achieve',
    body: `We are on social media to reach the goals in our strategy — not to be everywhere. Write down the two or three tasks social media solves for us (for example visible customer service, loyal customers, recruitment) and who we want to reach.

These guidelines exist so that you feel safe taking part. If something here stops you from doing good work, say so and propose a change: they are ours, not the management's.`,
  },
  {
    key: 'voice',
    title: 'Be yourself, and say who you are',
    body: `Speak in your own words. Authenticity cannot be outsourced: if someone writes on a leader's behalf, we say so.

Say that you work here when you talk about our products, customers or colleagues.`,
  },
  {
    key: 'topics',
    title: 'What we talk about — and what we leave alone',
    body: `We gladly talk about: (fill in the topics from our strategy where we have something to say).

We leave alone: (fill in the topics that are out of bounds, e.g. price negotiations, ongoing cases, colleagues' private lives). When in doubt, ask a colleague before you post — not afterwards.`,
  },
  {
    key: 'openness',
    title: 'Be open about ties',
    body: `When a post mentions a partner, sponsor or anything we are paid for, it says so plainly with a tag such as #ad.`,
  },
  {
    key: 'tone',
    title: 'Tone',
    body: `Friendly, plain and to the point. We don't shout: avoid long stretches in CAPITALS and piles of exclamation marks. Quality over quantity — one useful post beats three that say nothing.`,
  },
  {
    key: 'rhythm',
    title: 'How often we post',
    body: `A channel is empty until we fill it, and it tires people when we flood it. Agree on a rhythm per channel and keep to it.`,
  },
  {
    key: 'mistakes',
    title: 'When something goes wrong',
    body: `Everyone makes mistakes. Delete a half-finished or wrong reply, say sorry if needed, and tell the team. Nobody has to handle a storm alone: ask for help early. Practise in the sandbox first if you are unsure.`,
  },
];

const nb: Template = [
  {
    key: 'achieve',
    title: 'Hva vi vil oppnå',
    body: `Vi er i sosiale medier for å nå målene i strategien vår — ikke for å være overalt. Skriv ned de to–tre oppgavene sosiale medier skal løse for oss (for eksempel synlig kundeservice, lojale kunder, rekruttering) og hvem vi vil nå.

Retningslinjene finnes for at du skal føle deg trygg på å delta. Hvis noe her hindrer deg i å gjøre en god jobb, si fra og foreslå en endring: de er våre, ikke ledelsens.`,
  },
  {
    key: 'voice',
    title: 'Vær deg selv, og si hvem du er',
    body: `Skriv med dine egne ord. Ekthet kan ikke settes bort: skriver noen på vegne av en leder, sier vi det.

Si at du jobber her når du snakker om produktene, kundene eller kollegene våre.`,
  },
  {
    key: 'topics',
    title: 'Hva vi snakker om — og hva vi lar ligge',
    body: `Dette snakker vi gjerne om: (fyll inn temaene fra strategien der vi har noe å si).

Dette lar vi ligge: (fyll inn temaene som er utenfor, f.eks. prisforhandlinger, pågående saker, kollegers privatliv). Er du i tvil, spør en kollega før du publiserer — ikke etterpå.`,
  },
  {
    key: 'openness',
    title: 'Vær åpen om bindinger',
    body: `Når et innlegg nevner en samarbeidspartner, en sponsor eller noe vi får betalt for, sier vi det tydelig med en merking som #annonse eller #reklame.`,
  },
  {
    key: 'tone',
    title: 'Tone',
    body: `Vennlig, enkel og saklig. Vi roper ikke: unngå lange partier med STORE BOKSTAVER og mange utropstegn. Kvalitet fremfor kvantitet — ett nyttig innlegg slår tre som ikke sier noe.`,
  },
  {
    key: 'rhythm',
    title: 'Hvor ofte vi publiserer',
    body: `En kanal er tom til vi fyller den, og den sliter på folk når vi oversvømmer den. Bli enige om en rytme per kanal og hold den.`,
  },
  {
    key: 'mistakes',
    title: 'Når noe går galt',
    body: `Alle gjør feil. Slett et halvferdig eller feil svar, be om unnskyldning hvis det trengs, og si fra til teamet. Ingen skal stå alene i en storm: be om hjelp tidlig. Øv i sandkassen først hvis du er usikker.`,
  },
];

const da: Template = [
  {
    key: 'achieve',
    title: 'Hvad vi vil opnå',
    body: `Vi er på sociale medier for at nå målene i vores strategi — ikke for at være alle steder. Skriv de to-tre opgaver ned, som sociale medier skal løse for os (for eksempel synlig kundeservice, loyale kunder, rekruttering), og hvem vi vil nå.

Retningslinjerne findes, for at du kan føle dig tryg ved at deltage. Hvis noget her forhindrer dig i at gøre et godt stykke arbejde, så sig det og foreslå en ændring: de er vores, ikke ledelsens.`,
  },
  {
    key: 'voice',
    title: 'Vær dig selv, og sig hvem du er',
    body: `Skriv med dine egne ord. Ægthed kan ikke outsources: skriver nogen på vegne af en leder, siger vi det.

Sig at du arbejder her, når du taler om vores produkter, kunder eller kolleger.`,
  },
  {
    key: 'topics',
    title: 'Hvad vi taler om — og hvad vi lader ligge',
    body: `Det taler vi gerne om: (udfyld emnerne fra strategien, hvor vi har noget at sige).

Det lader vi ligge: (udfyld emnerne, der er uden for rammerne, f.eks. prisforhandlinger, verserende sager, kollegers privatliv). Er du i tvivl, så spørg en kollega, før du poster — ikke bagefter.`,
  },
  {
    key: 'openness',
    title: 'Vær åben om bindinger',
    body: `Når et opslag nævner en samarbejdspartner, en sponsor eller noget, vi får betaling for, siger vi det tydeligt med en markering som #reklame eller #annonce.`,
  },
  {
    key: 'tone',
    title: 'Tone',
    body: `Venlig, enkel og saglig. Vi råber ikke: undgå lange stykker med STORE BOGSTAVER og mange udråbstegn. Kvalitet frem for kvantitet — ét brugbart opslag slår tre, der ikke siger noget.`,
  },
  {
    key: 'rhythm',
    title: 'Hvor tit vi poster',
    body: `En kanal er tom, indtil vi fylder den, og den slider på folk, når vi oversvømmer den. Aftal en rytme per kanal, og hold den.`,
  },
  {
    key: 'mistakes',
    title: 'Når noget går galt',
    body: `Alle laver fejl. Slet et halvfærdigt eller forkert svar, sig undskyld hvis det er nødvendigt, og fortæl det til holdet. Ingen skal stå alene i en storm: bed om hjælp i god tid. Øv dig i sandkassen først, hvis du er usikker.`,
  },
];

const de: Template = [
  {
    key: 'achieve',
    title: 'Was wir erreichen wollen',
    body: `Wir sind in sozialen Medien, um die Ziele unserer Strategie zu erreichen — nicht, um überall zu sein. Schreibt die zwei, drei Aufgaben auf, die soziale Medien für uns lösen (zum Beispiel sichtbarer Kundenservice, treue Kundschaft, Recruiting), und wen wir erreichen wollen.

Diese Leitlinien gibt es, damit ihr euch sicher fühlt mitzumachen. Wenn etwas hier euch an guter Arbeit hindert, sagt es und schlagt eine Änderung vor: Es sind unsere Leitlinien, nicht die der Geschäftsleitung.`,
  },
  {
    key: 'voice',
    title: 'Sei du selbst und sag, wer du bist',
    body: `Schreib mit deinen eigenen Worten. Authentizität lässt sich nicht auslagern: Schreibt jemand im Namen einer Führungskraft, sagen wir das.

Sag, dass du hier arbeitest, wenn du über unsere Produkte, Kundschaft oder Kolleg:innen sprichst.`,
  },
  {
    key: 'topics',
    title: 'Worüber wir sprechen — und was wir lassen',
    body: `Darüber sprechen wir gern: (Themen aus der Strategie eintragen, zu denen wir etwas zu sagen haben).

Das lassen wir: (Themen eintragen, die außerhalb liegen, z. B. Preisverhandlungen, laufende Verfahren, das Privatleben von Kolleg:innen). Im Zweifel frag jemanden aus dem Team, bevor du postest — nicht danach.`,
  },
  {
    key: 'openness',
    title: 'Offen über Verbindungen sprechen',
    body: `Wenn ein Beitrag einen Partner, einen Sponsor oder etwas nennt, wofür wir bezahlt werden, kennzeichnen wir das klar, etwa mit #Anzeige oder #Werbung.`,
  },
  {
    key: 'tone',
    title: 'Ton',
    body: `Freundlich, klar und sachlich. Wir schreien nicht: keine langen Passagen in GROSSBUCHSTABEN und keine Ausrufezeichen-Ketten. Qualität vor Quantität — ein nützlicher Beitrag ist besser als drei, die nichts sagen.`,
  },
  {
    key: 'rhythm',
    title: 'Wie oft wir posten',
    body: `Ein Kanal ist leer, bis wir ihn füllen, und er nervt, wenn wir ihn überfluten. Vereinbart einen Rhythmus pro Kanal und haltet ihn ein.`,
  },
  {
    key: 'mistakes',
    title: 'Wenn etwas schiefgeht',
    body: `Fehler passieren allen. Lösch eine halbfertige oder falsche Antwort, entschuldige dich, wenn nötig, und sag dem Team Bescheid. Niemand muss einen Sturm allein durchstehen: hol dir früh Hilfe. Übe zuerst in der Sandbox, wenn du unsicher bist.`,
  },
];

const TEMPLATES: Record<Locale, Template> = { en, nb, da, de };

export function guidelineTemplate(locale: Locale): GuidelineSection[] {
  return TEMPLATES[locale].map((s) => ({ ...s }));
}

/** The title a new proposal gets when nobody names it. */
export const FIRST_PROPOSAL_TITLE: Record<Locale, string> = {
  en: 'Our social media guidelines',
  nb: 'Våre retningslinjer for sosiale medier',
  da: 'Vores retningslinjer for sociale medier',
  de: 'Unsere Social-Media-Leitlinien',
};
