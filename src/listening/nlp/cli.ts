// `stemme detect`: language and sentiment of each line on stdin.
import type { Command } from 'commander';

export function registerDetectCommands(_program: Command): void {}
