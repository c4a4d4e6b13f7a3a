// A recorded surge to replay through the pipeline (tests, bench): quiet days of everyday talk about an IT
// company and its CEO, in Norwegian and English, busier by day than by night; then, at a chosen moment, a burst
// of negative posts about the CEO's remark on net neutrality, some from authors the baseline made familiar.
// Deterministic for a seed.
import type { IncomingPost } from '../pipeline.ts';

export const LEADER = 'Henrik Dahl';
export const COMPANY = 'Fjellnett';
export const SURGE_QUERY = `"${LEADER}" OR ${COMPANY}`;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUIET = [
  { lang: 'nb', text: `${COMPANY} åpner nytt kontor i Tromsø.` },
  { lang: 'nb', text: `${COMPANY} legger fiber i flere bygder i år.` },
  { lang: 'nb', text: `Flott foredrag av ${LEADER} i dag, veldig inspirerende.` },
  { lang: 'nb', text: `${COMPANY} søker utviklere til teamet i Bergen.` },
  { lang: 'en', text: `${COMPANY} reports quarterly results on Thursday.` },
  { lang: 'en', text: `${LEADER} speaks at the Nordic cloud conference next month.` },
  { lang: 'en', text: `Good service from ${COMPANY} support today, thanks.` },
  { lang: 'nb', text: `Nettet til ${COMPANY} var nede en time i natt, nå virker det igjen.` },
];

const STORM = [
  { lang: 'nb', text: `${LEADER} er arrogant og helt uakseptabel om nettnøytralitet. For en skandale!` },
  { lang: 'nb', text: `Skammelig av ${COMPANY}-sjefen ${LEADER}. Jeg er sint og skuffet.` },
  { lang: 'nb', text: `Forferdelig av ${LEADER} å angripe nettnøytraliteten. Jeg bytter leverandør.` },
  { lang: 'en', text: `${LEADER} of ${COMPANY} is clueless and arrogant about net neutrality. Disgraceful.` },
  { lang: 'en', text: `Terrible remarks by ${COMPANY} CEO ${LEADER}, an awful attack on the open internet.` },
  { lang: 'en', text: `Shameful. ${LEADER} wants a two-tier internet. Boycott ${COMPANY}.` },
];

export interface Tick {
  /** The pipeline's clock at the end of the tick. */
  now: Date;
  posts: IncomingPost[];
  phase: 'baseline' | 'burst' | 'after';
}

/** Regulars of the baseline; the first few also join the storm (influential by then). */
const REGULARS = ['Marte Teknologi', 'Digi-Nytt', 'Kari Nordmann', 'Tech Nordic', 'Ola Hansen'];

export interface SurgeOptions {
  start: Date;
  baselineDays: number;
  /** Baseline posts per hour by day (07–22 local) and by night. */
  dayRate?: number;
  nightRate?: number;
  tickMs?: number;
  burstMinutes?: number;
  burstPerMinute?: number;
  /** Quiet time replayed after the burst. */
  afterMs?: number;
  seed?: number;
}

function poisson(rand: () => number, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

/**
 * The replay as ticks: the baseline in `tickMs` steps, the burst minute by minute, then quiet again.
 * `burstStart` is where the storm begins.
 */
export function generateSurge(opts: SurgeOptions): { ticks: Tick[]; burstStart: Date; burstEnd: Date } {
  const rand = prng(opts.seed ?? 42);
  const tickMs = opts.tickMs ?? 30 * MINUTE;
  const dayRate = opts.dayRate ?? 3;
  const nightRate = opts.nightRate ?? 0.5;
  const ticks: Tick[] = [];
  let n = 0;
  const quietPost = (at: number): IncomingPost => {
    const t = QUIET[Math.floor(rand() * QUIET.length)]!;
    const author =
      rand() < 0.3 ? REGULARS[Math.floor(rand() * REGULARS.length)]! : `Bruker ${Math.floor(rand() * 500)}`;
    return {
      id: `q-${n++}`,
      source: rand() < 0.5 ? 'bluesky' : 'mastodon',
      text: t.text,
      lang: t.lang,
      author,
      publishedAt: new Date(at),
      url: `https://social.example/q/${n}`,
    };
  };
  const quiet = (from: number, to: number, phase: Tick['phase']) => {
    for (let t = from; t < to; t += tickMs) {
      const end = Math.min(to, t + tickMs);
      const hour = new Date(t).getUTCHours() + 1; // Oslo in winter
      const rate = hour >= 7 && hour < 22 ? dayRate : nightRate;
      const count = poisson(rand, (rate * (end - t)) / HOUR);
      const posts = Array.from({ length: count }, () => quietPost(t + Math.floor(rand() * (end - t))));
      ticks.push({ now: new Date(end), posts, phase });
    }
  };
  const start = opts.start.getTime();
  const burstStart = start + opts.baselineDays * 24 * HOUR;
  quiet(start, burstStart, 'baseline');
  const minutes = opts.burstMinutes ?? 20;
  const perMinute = opts.burstPerMinute ?? 6;
  for (let m = 0; m < minutes; m++) {
    const from = burstStart + m * MINUTE;
    const posts: IncomingPost[] = [];
    const count = poisson(rand, perMinute);
    for (let i = 0; i < count; i++) {
      const t = STORM[Math.floor(rand() * STORM.length)]!;
      const author =
        rand() < 0.15 ? REGULARS[Math.floor(rand() * 2)]! : `Sint borger ${Math.floor(rand() * 5000)}`;
      posts.push({
        id: `s-${n++}`,
        source: rand() < 0.6 ? 'bluesky' : 'mastodon',
        text: t.text,
        lang: t.lang,
        author,
        publishedAt: new Date(from + Math.floor(rand() * MINUTE)),
        url: `https://social.example/s/${n}`,
      });
    }
    ticks.push({ now: new Date(from + MINUTE), posts, phase: 'burst' });
  }
  const burstEnd = burstStart + minutes * MINUTE;
  quiet(burstEnd, burstEnd + (opts.afterMs ?? 3 * HOUR), 'after');
  return { ticks, burstStart: new Date(burstStart), burstEnd: new Date(burstEnd) };
}
