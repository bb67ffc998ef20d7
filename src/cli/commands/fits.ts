import type { Command } from 'commander';

/** Registers `lectern fits …` (inspect, preview, verify). */
export function registerFitsCommands(program: Command): void {
  program.command('fits').description('FITS archive engine: inspect, preview and verify FITS files');
}
