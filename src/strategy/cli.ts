// `stemme seed demo`: fills an organisation's plan with the worked example, to see the workspace and the health
// check with something in them (a demo, never mixed into a plan someone has started).
import type { Command } from 'commander';
import { withDatabase } from '../cli-support.ts';

export function registerStrategyCommands(program: Command): void {
  const seed = program.command('seed').description('example data');
  seed
    .command('demo')
    .description(
      "fill an organisation's empty strategy plan with a worked example and print its health check",
    )
    .option('--org <id>', 'organisation id (defaults to the only organisation, when there is one)')
    .action(async (opts: { org?: string }) => {
      const [{ seedDemoIntoOrg }] = await Promise.all([import('./demo-seed.ts')]);
      const result = await withDatabase((db) => seedDemoIntoOrg(db, opts.org));
      process.stdout.write(
        `filled the plan of ${result.orgName} (${result.planId}): health score ${result.score}, ${result.findings} findings\n`,
      );
    });
}
