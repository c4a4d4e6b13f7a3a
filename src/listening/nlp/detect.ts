// The streaming loop behind `stemme detect`: every input line gets exactly one output line, blank ones too,
// so the output lines up with the input by line number.
import { once } from 'node:events';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { detectLanguage } from './language.ts';
import { sentiment } from './sentiment.ts';

export interface Detection {
  lang: string;
  confidence: number;
  sentiment: { label: 'positive' | 'negative' | 'neutral'; score: number };
}

export function detect(text: string): Detection {
  const { lang, confidence } = detectLanguage(text);
  const { label, score } = sentiment(text, lang);
  return { lang, confidence, sentiment: { label, score } };
}

// Writing line by line costs a syscall each; batches keep a large file fast while still streaming.
const BATCH = 512;

export async function detectLines(input: Readable, output: Writable): Promise<void> {
  const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const chunk = `${batch.join('\n')}\n`;
    batch = [];
    if (!output.write(chunk)) await once(output, 'drain');
  };
  for await (const line of lines) {
    batch.push(JSON.stringify(detect(line)));
    if (batch.length >= BATCH) await flush();
  }
  await flush();
}
