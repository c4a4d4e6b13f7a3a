// `stemme detect`: language and sentiment of each line on stdin, one JSON line out per line in.
// The detectors load lazily, inside the action, so other commands do not pay for eld's n-gram tables.
import type { Command } from 'commander';

export function registerDetectCommands(program: Command): void {
  program
    .command('detect')
    .description(
      'read lines on stdin; print one JSON line per line: {"lang","confidence","sentiment":{"label","score"}}',
    )
    .action(async () => {
      const { detectLines } = await import('./detect.ts');
      await detectLines(process.stdin, process.stdout);
    });
}
