// Lectern for the archive benchmark: the bench app plus an uploader (instructor) signed in.
import { randomBytes } from 'node:crypto';
import { userRoles } from '#platform/auth/tables.js';
import { type BenchApp, post, startBenchApp } from './bench-app.js';

export interface ArchiveBench extends BenchApp {
  /** Headers of a signed-in user who may upload to the archive (`archive:upload`). */
  auth: { authorization: string };
  uploaderId: string;
}

export async function startArchiveBench(
  label: string,
  env: Record<string, string> = {},
): Promise<ArchiveBench> {
  const bench = await startBenchApp(label, {
    // The 64 MB image, and the token must outlive the longest run.
    JWT_ACCESS_TTL: '3600',
    ...(env.DATABASE_URL ? { JWT_SECRET: randomBytes(32).toString('hex') } : {}),
    ...env,
  });
  try {
    const credentials = {
      email: `archive-bench-${Date.now()}-${randomBytes(3).toString('hex')}@example.org`,
      password: `Bench-${randomBytes(12).toString('hex')}`,
    };
    const signup = (await post(`${bench.origin}/api/v1/auth/signup`, {
      ...credentials,
      name: 'Archive bench',
    })) as { data: { id: string } };
    const uploaderId = signup.data.id;
    // The role goes straight into the table (no admin in the run); the token issued next carries it.
    await bench.app.lectern.database.db
      .insert(userRoles)
      .values({ userId: uploaderId, role: 'instructor' })
      .onConflictDoNothing();
    const login = (await post(`${bench.origin}/api/v1/auth/login`, credentials)) as {
      data: { accessToken: string };
    };
    return { ...bench, auth: { authorization: `Bearer ${login.data.accessToken}` }, uploaderId };
  } catch (error) {
    await bench.close();
    throw error;
  }
}

export interface UploadResult {
  status: number;
  /** The error code of a refusal (e.g. FITS_NO_IMAGE), or null. */
  code: string | null;
  imageIds: string[];
  ms: number;
}

/** POST /api/v1/archive/images with the file in `file`, timed from send to the parsed answer. */
export async function uploadFits(
  origin: string,
  auth: Record<string, string>,
  file: Blob,
  filename: string,
  productName: string,
): Promise<UploadResult> {
  const form = new FormData();
  form.append('productName', productName);
  form.append('file', new Blob([file], { type: 'application/fits' }), filename);
  const t0 = performance.now();
  const res = await fetch(`${origin}/api/v1/archive/images`, {
    method: 'POST',
    headers: auth,
    body: form,
  });
  const body = (await res.json().catch(() => null)) as {
    data?: { id: string }[];
    error?: { code?: string };
  } | null;
  return {
    status: res.status,
    code: body?.error?.code ?? null,
    imageIds: res.status === 201 ? (body?.data ?? []).map((d) => d.id) : [],
    ms: performance.now() - t0,
  };
}
