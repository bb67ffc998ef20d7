// CPU time of this process's main thread, where the servers under test run (autocannon's
// workers are other threads). Unlike req/s it hardly changes when other work shares the cores.
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ, the unit of /proc's CPU times, on every architecture Node supports. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) of the main thread so far; null where /proc is not there. */
export function mainThreadCpuSeconds(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // After the command name in parentheses: state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
