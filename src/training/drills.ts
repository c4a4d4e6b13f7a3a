// The built-in drills: every *.json in src/training/drills/, validated once on first use. A broken file stops
// with the file and the field named, so a team editing a drill sees exactly what to fix.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Scenario, scenarioProblems } from './scenario.ts';

export const DRILLS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'drills');

/** Reads and validates every drill file in a folder; throws one error listing every problem. */
export function loadDrillDir(dir: string): Map<string, Scenario> {
  const out = new Map<string, Scenario>();
  const problems: string[] = [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const result = scenarioProblems(file, json);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    if (out.has(result.scenario.slug)) {
      problems.push(`${file}: slug: "${result.scenario.slug}" is used by another drill file`);
      continue;
    }
    out.set(result.scenario.slug, result.scenario);
  }
  if (problems.length > 0) throw new Error(`invalid drill files in ${dir}:\n${problems.join('\n')}`);
  return out;
}

let builtIn: Map<string, Scenario> | undefined;

export function builtInDrills(): Map<string, Scenario> {
  builtIn ??= loadDrillDir(DRILLS_DIR);
  return builtIn;
}
