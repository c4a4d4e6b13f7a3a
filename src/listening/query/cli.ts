// `stemme query test` and `stemme query match`: the monitor query engine on JSON-lines posts from stdin.
import type { Command } from 'commander';

export function registerQueryCommands(_program: Command): void {}
