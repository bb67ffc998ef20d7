import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import type { TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';

/** A small weekly problem in the engine's JSON format: 2 days × 3 periods, 2 rooms, 3 courses. */
export const tinyProblem = () => ({
  name: 'Tiny school',
  time: { kind: 'weekly', days: 2, periodsPerDay: 3, periodStarts: ['08:00', '10:00', '14:00'] },
  rooms: [
    { id: 'R1', capacity: 40 },
    { id: 'R2', capacity: 20 },
  ],
  instructors: [{ id: 'T1' }, { id: 'T2' }],
  courses: [
    { id: 'MATH', meetings: 3, students: 35, instructors: ['T1'], minDays: 2 },
    { id: 'ART', meetings: 2, students: 15, instructors: ['T2'] },
    { id: 'PHYS', meetings: 2, students: 18, instructors: ['T1'] },
  ],
  curricula: [{ id: 'Y1', courses: ['MATH', 'PHYS'] }],
});

/** A multipart body with one file in the field `field`. */
export function multipartFile(fileName: string, content: string, field = 'file') {
  const boundary = `----lectern${Math.random().toString(16).slice(2)}`;
  const body = [
    `--${boundary}`,
    `Content-Disposition: form-data; name="${field}"; filename="${fileName}"`,
    'Content-Type: application/octet-stream',
    '',
    content,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file to an import route (`/timetabling/terms/import` or a term's). */
export function upload(
  t: TestApp,
  url: string,
  user: TestUser | undefined,
  fileName: string,
  content: string,
  field?: string,
) {
  const { body, contentType } = multipartFile(fileName, content, field);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: { ...(user?.auth ?? {}), 'content-type': contentType },
    payload: body,
  });
}

/**
 * The shared ITC-2007 instances: `../shared/data/itc2007-ctt` from the repository root, or from
 * the main checkout's root when this is a git worktree (its `.git` file names the main one).
 */
function findItcDir(): string {
  const root = resolve(import.meta.dirname, '../..');
  const direct = join(root, '../shared/data/itc2007-ctt');
  if (existsSync(direct)) return direct;
  const dotGit = join(root, '.git');
  const pointer = existsSync(dotGit) ? readFileSync(dotGit, 'utf8').match(/^gitdir: (.+)$/m) : null;
  if (!pointer) return direct;
  const mainRoot = dirname(resolve(pointer[1]!.trim(), '../..'));
  const viaMain = join(mainRoot, '../shared/data/itc2007-ctt');
  return existsSync(viaMain) ? viaMain : direct;
}

export const ITC_DIR = findItcDir();
export const HAS_ITC = existsSync(ITC_DIR);
export const ITC_SKIP_NOTE = `ITC-2007 data not found at ${ITC_DIR}; skipped`;

/** The app and signed-in users of a timetabling test file (beforeAll/afterAll hooks). */
export const timetablingTestApp = useCatalogTestApp;
