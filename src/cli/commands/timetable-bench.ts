import type { Command } from 'commander';

export function registerBenchCommand(tt: Command): void {
  tt.command('bench').description('benchmark on the ITC-2007 instances (not implemented yet)');
}
