import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerEngagementCommands } from '../../src/cli/commands/engagement.js';

const dir = mkdtempSync(join(tmpdir(), 'lectern-engagement-cli-'));
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
beforeAll(() => {
  process.env.DATA_DIR = join(dir, 'data');
  // The embedded database of DATA_DIR, whatever the suite runs against.
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function lectern(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const program = new Command('lectern').exitOverride().configureOutput({
    writeErr: (s) => void err.push(s),
  });
  registerEngagementCommands(program);
  let code: number;
  try {
    await program.parseAsync(['node', 'lectern', 'engagement', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = 2;
  }
  process.exitCode = undefined;
  return { stdout: out.join('\n'), stderr: err.join('\n'), code };
}

const csv = (rows: Array<Array<string | number>>) =>
  `${rows.map((r) => r.map((v) => `"${v}"`).join(',')).join('\r\n')}\r\n`;

interface SliceOptions {
  presentation: string;
  students: number;
  seed: number;
  /** Write final_result empty and drop every row dated after this day. */
  blindAfter?: number;
  /** Also write a click stream (studentVle.csv): diligent learners click more. */
  clicks?: boolean;
}

/**
 * A tiny OULAD slice: one 200-day presentation of module TST, two TMAs (days 20, 45) and a CMA
 * (day 30). Diligent learners submit and pass; the others miss work and fail or withdraw.
 */
function writeSlice(name: string, o: SliceOptions): string {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  let s = o.seed;
  const random = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const p = o.presentation;
  const base = p === '2014B' ? 100 : 200;
  const info: Array<Array<string | number>> = [
    [
      'code_module',
      'code_presentation',
      'id_student',
      'gender',
      'region',
      'highest_education',
      'imd_band',
      'age_band',
      'num_of_prev_attempts',
      'studied_credits',
      'disability',
      'final_result',
    ],
  ];
  const reg: Array<Array<string | number>> = [
    ['code_module', 'code_presentation', 'id_student', 'date_registration', 'date_unregistration'],
  ];
  const vle: Array<Array<string | number>> = [
    ['code_module', 'code_presentation', 'id_student', 'id_site', 'date', 'sum_click'],
  ];
  const sub: Array<Array<string | number>> = [
    ['id_assessment', 'id_student', 'date_submitted', 'is_banked', 'score'],
  ];
  const assessments: Array<[number, string, number, number]> = [
    [base + 1, 'TMA', 20, 30],
    [base + 2, 'CMA', 30, 10],
    [base + 3, 'TMA', 45, 30],
  ];
  for (let i = 0; i < o.students; i++) {
    const id = 1000 * base + i;
    const diligent = random() < 0.6;
    const withdrawsEarly = !diligent && random() < 0.2;
    const result = diligent
      ? random() < 0.85
        ? 'Pass'
        : 'Fail'
      : random() < 0.8
        ? 'Withdrawn'
        : 'Pass';
    const unreg = withdrawsEarly ? 10 : result === 'Withdrawn' ? 120 : '';
    const blind = o.blindAfter !== undefined;
    info.push([
      'TST',
      p,
      id,
      random() < 0.5 ? 'M' : 'F',
      'Wales',
      'A Level or Equivalent',
      '30-40%',
      random() < 0.7 ? '0-35' : '35-55',
      0,
      60,
      random() < 0.1 ? 'Y' : 'N',
      blind ? '' : result,
    ]);
    reg.push([
      'TST',
      p,
      id,
      -20,
      blind && unreg !== '' && unreg > (o.blindAfter ?? 0) ? '' : unreg,
    ]);
    for (const [aid, , due] of assessments) {
      if (!diligent && random() < 0.7) continue;
      const day = due - 2 + Math.floor(random() * 4);
      if (blind && day > (o.blindAfter ?? 0)) continue;
      sub.push([aid, id, day, 0, Math.round((diligent ? 60 : 35) + random() * 35)]);
    }
    if (!blind) sub.push([base + 4, id, 195, 0, diligent ? 70 : 30]);
    for (let day = -5; o.clicks && day < 200; day += 3) {
      if (blind && day > (o.blindAfter ?? 0)) break;
      if (random() < (diligent ? 0.8 : 0.3))
        vle.push(['TST', p, id, 5000 + (day % 7), day, 1 + Math.floor(random() * 6)]);
    }
  }
  if (o.clicks) writeFileSync(join(out, 'studentVle.csv'), csv(vle));
  writeFileSync(
    join(out, 'courses.csv'),
    csv([
      ['code_module', 'code_presentation', 'module_presentation_length'],
      ['TST', p, 200],
    ]),
  );
  writeFileSync(
    join(out, 'assessments.csv'),
    csv([
      ['code_module', 'code_presentation', 'id_assessment', 'assessment_type', 'date', 'weight'],
      ...assessments.map(([aid, type, due, weight]) => ['TST', p, aid, type, due, weight]),
      ['TST', p, base + 4, 'Exam', '', 100],
    ]),
  );
  writeFileSync(join(out, 'studentInfo.csv'), csv(info));
  writeFileSync(join(out, 'studentRegistration.csv'), csv(reg));
  writeFileSync(join(out, 'studentAssessment.csv'), csv(sub));
  return out;
}

const train = writeSlice('train', { presentation: '2014B', students: 300, seed: 11 });
const test = writeSlice('test', { presentation: '2014J', students: 200, seed: 23 });
const blind = writeSlice('blind', {
  presentation: '2014J',
  students: 200,
  seed: 23,
  blindAfter: 50,
});
const learnersIn = (slice: string) =>
  readFileSync(join(slice, 'studentRegistration.csv'), 'utf8')
    .trim()
    .split('\r\n')
    .slice(1)
    .filter((l) => !l.endsWith('"10"')).length;

describe('lectern engagement evaluate', () => {
  it('should train, score as of 25 % and print AUC, Brier and ECE per module and overall', async () => {
    const predictions = join(dir, 'pred.csv');
    const r = await lectern(
      'evaluate',
      '--train',
      train,
      '--test',
      test,
      '--at',
      '0.25',
      '--predictions',
      predictions,
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('module\tpresentation\tlearners\tat_risk\tauc\tbrier\tece');
    expect(lines[1]).toMatch(/^TST\t2014J\t\d+\t\d+\t0\.\d{3}\t0\.\d{3}\t0\.\d{3}$/);
    const overall = lines.find((l) => l.startsWith('all\tall'))?.split('\t') ?? [];
    expect(Number(overall[4])).toBeGreaterThan(0.8);
    expect(r.stdout).toMatch(/^gender\tF\t/m);
    expect(r.stdout).toMatch(/^disability\tY\t/m);
    const csvLines = readFileSync(predictions, 'utf8').trim().split('\n');
    expect(csvLines[0]).toBe('code_module,code_presentation,id_student,risk');
    // One line per learner; those already withdrawn on day 50 at risk 1.
    expect(csvLines).toHaveLength(1 + 200);
    expect(csvLines.filter((l) => l.endsWith(',1.000000'))).toHaveLength(200 - learnersIn(test));
    expect(csvLines[1]).toMatch(/^TST,2014J,\d+,0\.\d{6}$/);
    expect(Number(lines[1]?.split('\t')[2])).toBe(learnersIn(test));
  });

  it('should write the same predictions and print no AUC for test files without outcomes or later rows', async () => {
    const withOutcomes = join(dir, 'pred-full.csv');
    const without = join(dir, 'pred-blind.csv');
    await lectern('evaluate', '--train', train, '--test', test, '--predictions', withOutcomes);
    const r = await lectern(
      'evaluate',
      '--train',
      train,
      '--test',
      blind,
      '--at',
      '0.25',
      '--predictions',
      without,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no outcomes in the test data: predictions only, no AUC/);
    expect(readFileSync(without, 'utf8')).toBe(readFileSync(withOutcomes, 'utf8'));
  });

  it('should report a malformed row with its file and line, and go on', async () => {
    const bad = writeSlice('bad', { presentation: '2014J', students: 50, seed: 5 });
    const path = join(bad, 'studentAssessment.csv');
    const lines = readFileSync(path, 'utf8').split('\r\n');
    lines[2] = '"201","200000","soon","0","50"';
    writeFileSync(path, lines.join('\r\n'));
    rmSync(join(bad, 'assessments.csv'));
    const r = await lectern('evaluate', '--train', train, '--test', bad);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /test studentAssessment\.csv:3: date_submitted is not a number: "soon"/,
    );
    expect(r.stderr).toMatch(/test: no assessments\.csv, studentVle\.csv \(read as empty\)/);
  });

  it('should use the click stream when both sides have one, and not otherwise', async () => {
    const clickTrain = writeSlice('click-train', {
      presentation: '2014B',
      students: 200,
      seed: 3,
      clicks: true,
    });
    const clickTest = writeSlice('click-test', {
      presentation: '2014J',
      students: 100,
      seed: 4,
      clicks: true,
    });
    const saved = join(dir, 'model.json');
    const r = await lectern(
      'evaluate',
      '--train',
      clickTrain,
      '--test',
      clickTest,
      '--save-model',
      saved,
    );
    expect(r.code).toBe(0);
    const model = JSON.parse(readFileSync(saved, 'utf8')) as {
      featureNames: string[];
      kind: string;
    };
    expect(model.kind).toBe('logistic');
    expect(model.featureNames).toContain('clicks_total');
    await lectern('evaluate', '--train', clickTrain, '--test', test, '--save-model', saved);
    expect(JSON.parse(readFileSync(saved, 'utf8')).featureNames).not.toContain('clicks_total');
  });

  it('should train and score with the boosted trees too', async () => {
    const r = await lectern('evaluate', '--train', train, '--test', test, '--model', 'boosted');
    expect(r.code).toBe(0);
    const overall =
      r.stdout
        .split('\n')
        .find((l) => l.startsWith('all\tall'))
        ?.split('\t') ?? [];
    expect(Number(overall[4])).toBeGreaterThan(0.8);
  });

  it('should refuse a share of the presentation outside (0, 1]', async () => {
    const r = await lectern('evaluate', '--train', train, '--test', test, '--at', '1.5');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--at must be a number > 0 and ≤ 1/);
  });
});

describe('lectern engagement import-oulad', () => {
  it('should import a slice into the database, and update rather than duplicate on a second run', async () => {
    const slice = writeSlice('import', { presentation: '2014J', students: 30, seed: 8 });
    const submissions =
      readFileSync(join(slice, 'studentAssessment.csv'), 'utf8').trim().split('\r\n').length - 1;
    const first = await lectern('import-oulad', slice);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      [
        'courses\t1',
        'learners\t30',
        'registrations\t30',
        `activity\t${submissions} new, 0 already there`,
        'outcomes\t30',
      ].join('\n'),
    );
    const again = await lectern('import-oulad', slice);
    expect(again.stdout).toContain(`activity\t0 new, ${submissions} already there`);
  }, 60_000);
});

// The shared data sits beside the repository (../shared); a worktree one level deeper looks one up.
const candidates = [
  process.env.LECTERN_OULAD_2013,
  '../shared/data/oulad-2013',
  '../../shared/data/oulad-2013',
].flatMap((p) => (p ? [resolve(p)] : []));
const found = candidates.find((p) => existsSync(join(p, 'studentInfo.csv')));
const hasShared = found !== undefined;
const shared = found ?? (candidates[0] as string);

describe('lectern engagement evaluate on the shared OULAD 2013 data', () => {
  it.skipIf(!hasShared)(
    hasShared
      ? 'should reach AUC ≥ 0.80 and ECE < 0.05 overall from 2013B to 2013J at 25 %'
      : `skipped: ${shared} is not there (the shared OULAD 2013 data)`,
    async () => {
      const r = await lectern(
        'evaluate',
        '--train',
        shared,
        '--train-presentations',
        '2013B',
        '--test',
        shared,
        '--test-presentations',
        '2013J',
        '--at',
        '0.25',
      );
      expect(r.code).toBe(0);
      const overall =
        r.stdout
          .split('\n')
          .find((l) => l.startsWith('all\tall'))
          ?.split('\t') ?? [];
      expect(Number(overall[4])).toBeGreaterThanOrEqual(0.8);
      expect(Number(overall[6])).toBeLessThan(0.05);
    },
    60_000,
  );
});
