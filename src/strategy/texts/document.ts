// The words of the exported plan (headings, table heads, notes) in the four languages.
import type { Locale } from '../../team/schema.ts';

export interface DocumentTexts {
  titleOrg: (org: string) => string;
  titlePerson: (name: string) => string;
  changed: (date: string) => string;
  score: (score: number) => string;
  notWritten: string;
  noneYet: string;
  section: Record<
    'purpose' | 'goals' | 'audiences' | 'channels' | 'topics' | 'presence' | 'team' | 'health',
    string
  >;
  objective: string;
  supports: string;
  kpiHead: [string, string, string, string, string];
  noKpis: string;
  audienceHead: [string, string, string];
  ladder: string;
  decisions: string;
  decision: Record<'goals' | 'audience' | 'resources', string>;
  notDecided: string;
  hours: (hours: string, people: number) => string;
  axis: { personal: string; professional: string; public: string; private: string };
  channelHead: [string, string, string, string, string];
  notPlaced: string;
  perWeek: (n: string) => string;
  examples: string;
  notAppear: string;
  offensive: string;
  vision: string;
  keyMessages: string;
  defensive: string;
  leader: string;
  backing: string;
  rewards: string;
  peers: string;
  teamHead: [string, string, string, string];
  formerMember: string;
  severity: Record<'critical' | 'warning' | 'info', string>;
  counts: (c: number, w: number, i: number) => string;
  nextStep: string;
  source: string;
  noFindings: string;
  footer: (date: string) => string;
}

const en: DocumentTexts = {
  titleOrg: (org) => `Social media strategy: ${org}`,
  titlePerson: (name) => `Personal social media plan: ${name}`,
  changed: (date) => `Last changed ${date}`,
  score: (score) => `Health check: ${score}/100`,
  notWritten: 'Not written yet.',
  noneYet: 'None yet.',
  section: {
    purpose: 'Purpose',
    goals: 'Goals and KPIs',
    audiences: 'Audiences',
    channels: 'Channels on the matrix',
    topics: 'Topics',
    presence: 'Offensive and defensive presence',
    team: 'Who does what',
    health: 'Health check',
  },
  objective: 'Business objective',
  supports: 'Supports',
  kpiHead: ['Measure', 'What exactly', 'Baseline', 'Target', 'By'],
  noKpis: 'No KPIs yet.',
  audienceHead: ['Audience', 'Participation', 'What they get from us'],
  ladder:
    'Participation runs from inactive, through spectators, joiners, collectors and critics, to creators.',
  decisions: 'The three decisions',
  decision: { goals: 'Goals', audience: 'Audience', resources: 'Resources' },
  notDecided: 'Not decided',
  hours: (hours, people) => `${hours} hours a week across ${people} ${people === 1 ? 'person' : 'people'}`,
  axis: {
    personal: 'Personal',
    professional: 'Professional',
    public: 'Public',
    private: 'Private (closed network)',
  },
  channelHead: ['Channel', 'Place on the matrix', 'Why there', 'Content plan', 'Audiences'],
  notPlaced: 'Not placed',
  perWeek: (n) => `${n} posts a week`,
  examples: 'for example',
  notAppear: 'How we do not want to appear',
  offensive: 'What we articulate',
  vision: 'Vision',
  keyMessages: 'Key messages',
  defensive: 'What we protect and watch',
  leader: 'Leader',
  backing: 'Visible backing',
  rewards: 'Rewards for good results',
  peers: 'Peer network',
  teamHead: ['Person', 'Responsibility', 'Hours a week', 'Will'],
  formerMember: 'no longer a member',
  severity: { critical: 'Critical', warning: 'Warning', info: 'Advice' },
  counts: (c, w, i) => `${c} critical, ${w} ${w === 1 ? 'warning' : 'warnings'}, ${i} advice`,
  nextStep: 'Next step',
  source: 'Source',
  noFindings: 'No findings: the plan follows all the advice the health check knows.',
  footer: (date) => `Exported from Stemme on ${date}.`,
};

const nb: DocumentTexts = {
  titleOrg: (org) => `Strategi for sosiale medier: ${org}`,
  titlePerson: (name) => `Personlig plan for sosiale medier: ${name}`,
  changed: (date) => `Sist endret ${date}`,
  score: (score) => `Helsesjekk: ${score}/100`,
  notWritten: 'Ikke skrevet ennå.',
  noneYet: 'Ingen ennå.',
  section: {
    purpose: 'Formål',
    goals: 'Mål og KPI-er',
    audiences: 'Målgrupper',
    channels: 'Kanaler i matrisen',
    topics: 'Temaer',
    presence: 'Offensiv og defensiv tilstedeværelse',
    team: 'Hvem gjør hva',
    health: 'Helsesjekk',
  },
  objective: 'Forretningsmål',
  supports: 'Støtter',
  kpiHead: ['Måling', 'Hva nøyaktig', 'Utgangspunkt', 'Mål', 'Innen'],
  noKpis: 'Ingen KPI-er ennå.',
  audienceHead: ['Målgruppe', 'Deltakelse', 'Hva de får fra oss'],
  ladder: 'Deltakelsen går fra inaktive, via tilskuere, medlemmer, samlere og kritikere, til skapere.',
  decisions: 'De tre beslutningene',
  decision: { goals: 'Mål', audience: 'Publikum', resources: 'Ressurser' },
  notDecided: 'Ikke bestemt',
  hours: (hours, people) =>
    `${hours} timer i uken fordelt på ${people} ${people === 1 ? 'person' : 'personer'}`,
  axis: {
    personal: 'Personlig',
    professional: 'Profesjonell',
    public: 'Offentlig',
    private: 'Lukket nettverk',
  },
  channelHead: ['Kanal', 'Plass i matrisen', 'Hvorfor der', 'Innholdsplan', 'Målgrupper'],
  notPlaced: 'Ikke plassert',
  perWeek: (n) => `${n} innlegg i uken`,
  examples: 'for eksempel',
  notAppear: 'Slik vil vi ikke fremstå',
  offensive: 'Det vi formidler',
  vision: 'Visjon',
  keyMessages: 'Hovedbudskap',
  defensive: 'Det vi beskytter og følger med på',
  leader: 'Leder',
  backing: 'Synlig støtte',
  rewards: 'Belønning for gode resultater',
  peers: 'Faglig nettverk',
  teamHead: ['Person', 'Oppgave', 'Timer i uken', 'Vilje'],
  formerMember: 'ikke lenger medlem',
  severity: { critical: 'Kritisk', warning: 'Advarsel', info: 'Råd' },
  counts: (c, w, i) => `${c} kritiske, ${w} ${w === 1 ? 'advarsel' : 'advarsler'}, ${i} råd`,
  nextStep: 'Neste steg',
  source: 'Kilde',
  noFindings: 'Ingen funn: planen følger alle rådene helsesjekken kjenner.',
  footer: (date) => `Eksportert fra Stemme ${date}.`,
};

const da: DocumentTexts = {
  titleOrg: (org) => `Strategi for sociale medier: ${org}`,
  titlePerson: (name) => `Personlig plan for sociale medier: ${name}`,
  changed: (date) => `Sidst ændret ${date}`,
  score: (score) => `Sundhedstjek: ${score}/100`,
  notWritten: 'Ikke skrevet endnu.',
  noneYet: 'Ingen endnu.',
  section: {
    purpose: 'Formål',
    goals: 'Mål og KPI’er',
    audiences: 'Målgrupper',
    channels: 'Kanaler i matrixen',
    topics: 'Emner',
    presence: 'Offensiv og defensiv tilstedeværelse',
    team: 'Hvem gør hvad',
    health: 'Sundhedstjek',
  },
  objective: 'Forretningsmål',
  supports: 'Understøtter',
  kpiHead: ['Måling', 'Hvad præcist', 'Udgangspunkt', 'Mål', 'Senest'],
  noKpis: 'Ingen KPI’er endnu.',
  audienceHead: ['Målgruppe', 'Deltagelse', 'Hvad de får fra os'],
  ladder: 'Deltagelsen går fra inaktive over tilskuere, medlemmer, samlere og kritikere til skabere.',
  decisions: 'De tre beslutninger',
  decision: { goals: 'Mål', audience: 'Publikum', resources: 'Ressourcer' },
  notDecided: 'Ikke besluttet',
  hours: (hours, people) =>
    `${hours} timer om ugen fordelt på ${people} ${people === 1 ? 'person' : 'personer'}`,
  axis: {
    personal: 'Personlig',
    professional: 'Professionel',
    public: 'Offentlig',
    private: 'Lukket netværk',
  },
  channelHead: ['Kanal', 'Plads i matrixen', 'Hvorfor der', 'Indholdsplan', 'Målgrupper'],
  notPlaced: 'Ikke placeret',
  perWeek: (n) => `${n} opslag om ugen`,
  examples: 'for eksempel',
  notAppear: 'Sådan vil vi ikke fremstå',
  offensive: 'Det, vi formidler',
  vision: 'Vision',
  keyMessages: 'Hovedbudskaber',
  defensive: 'Det, vi beskytter og holder øje med',
  leader: 'Leder',
  backing: 'Synlig opbakning',
  rewards: 'Belønning for gode resultater',
  peers: 'Fagligt netværk',
  teamHead: ['Person', 'Opgave', 'Timer om ugen', 'Vilje'],
  formerMember: 'ikke længere medlem',
  severity: { critical: 'Kritisk', warning: 'Advarsel', info: 'Råd' },
  counts: (c, w, i) => `${c} kritiske, ${w} ${w === 1 ? 'advarsel' : 'advarsler'}, ${i} råd`,
  nextStep: 'Næste skridt',
  source: 'Kilde',
  noFindings: 'Ingen fund: planen følger alle de råd, sundhedstjekket kender.',
  footer: (date) => `Eksporteret fra Stemme ${date}.`,
};

const de: DocumentTexts = {
  titleOrg: (org) => `Social-Media-Strategie: ${org}`,
  titlePerson: (name) => `Persönlicher Social-Media-Plan: ${name}`,
  changed: (date) => `Zuletzt geändert am ${date}`,
  score: (score) => `Gesundheitscheck: ${score}/100`,
  notWritten: 'Noch nicht geschrieben.',
  noneYet: 'Noch keine.',
  section: {
    purpose: 'Zweck',
    goals: 'Ziele und Kennzahlen',
    audiences: 'Zielgruppen',
    channels: 'Kanäle in der Matrix',
    topics: 'Themen',
    presence: 'Offensive und defensive Präsenz',
    team: 'Wer macht was',
    health: 'Gesundheitscheck',
  },
  objective: 'Geschäftsziel',
  supports: 'Unterstützt',
  kpiHead: ['Kennzahl', 'Was genau', 'Ausgangswert', 'Zielwert', 'Bis'],
  noKpis: 'Noch keine Kennzahlen.',
  audienceHead: ['Zielgruppe', 'Beteiligung', 'Was sie von uns bekommt'],
  ladder:
    'Die Beteiligung reicht von Inaktiven über Zuschauer, Mitglieder, Sammler und Kritiker bis zu Erstellern.',
  decisions: 'Die drei Entscheidungen',
  decision: { goals: 'Ziele', audience: 'Publikum', resources: 'Ressourcen' },
  notDecided: 'Nicht entschieden',
  hours: (hours, people) =>
    `${hours} Stunden pro Woche, verteilt auf ${people} ${people === 1 ? 'Person' : 'Personen'}`,
  axis: {
    personal: 'Persönlich',
    professional: 'Beruflich',
    public: 'Öffentlich',
    private: 'Privat (geschlossenes Netzwerk)',
  },
  channelHead: ['Kanal', 'Platz in der Matrix', 'Warum dort', 'Inhaltsplan', 'Zielgruppen'],
  notPlaced: 'Nicht platziert',
  perWeek: (n) => `${n} Beiträge pro Woche`,
  examples: 'zum Beispiel',
  notAppear: 'So wollen wir nicht wirken',
  offensive: 'Was wir vermitteln',
  vision: 'Vision',
  keyMessages: 'Kernbotschaften',
  defensive: 'Was wir schützen und beobachten',
  leader: 'Führungskraft',
  backing: 'Sichtbare Rückendeckung',
  rewards: 'Anerkennung guter Ergebnisse',
  peers: 'Fachliches Netzwerk',
  teamHead: ['Person', 'Aufgabe', 'Stunden pro Woche', 'Wille'],
  formerMember: 'nicht mehr Mitglied',
  severity: { critical: 'Kritisch', warning: 'Warnung', info: 'Hinweis' },
  counts: (c, w, i) =>
    `${c} kritisch, ${w} ${w === 1 ? 'Warnung' : 'Warnungen'}, ${i} ${i === 1 ? 'Hinweis' : 'Hinweise'}`,
  nextStep: 'Nächster Schritt',
  source: 'Quelle',
  noFindings: 'Keine Befunde: Der Plan folgt allen Ratschlägen, die der Gesundheitscheck kennt.',
  footer: (date) => `Aus Stemme exportiert am ${date}.`,
};

export const DOCUMENT_TEXTS: Record<Locale, DocumentTexts> = { en, nb, da, de };
