import type { Static } from 'typebox';
import { writeAudit } from '../audit/writer.js';
import type { Clock } from '../clock/index.js';
import type { Config } from '../config/index.js';
import { type Database, type Executor, inTransaction, isUniqueViolation } from '../db/index.js';
import {
  forbidden,
  notFound,
  rateLimited,
  unauthorized,
  validationError,
} from '../errors/index.js';
import { decodeIdCursor, type Page, pageOf } from '../http/pagination.js';
import { toUserDto } from '../users/dto.js';
import * as usersRepo from '../users/repository.js';
import { assertStrongPassword, emailTakenError, insertNewUser } from '../users/service.js';
import { type Auth, mayAccess, requirePrincipal, requireUserSession } from './access.js';
import type { CredentialCache } from './credential-cache.js';
import { type SessionDto, toSessionDto } from './dto.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { isPermission, isRole, type Role } from './permissions.js';
import * as repo from './repository.js';
import type { Revocations } from './revocations.js';
import type {
  ChangePasswordBody as ChangePasswordBodySchema,
  ListSessionsQuery as ListSessionsQuerySchema,
  LoginBody as LoginBodySchema,
  SignupBody as SignupBodySchema,
} from './schemas.js';
import {
  accountKey,
  IP_FREE_FAILURES,
  ipKey,
  pairKey,
  passwordChangeCounter,
  type ThrottleCounter,
  throttleCounters,
} from './throttle.js';
import { randomToken, sha256, signAccessToken } from './tokens.js';

export interface AuthServiceDeps {
  db: Database;
  config: Pick<Config, 'JWT_ACCESS_TTL' | 'REFRESH_TTL' | 'SIGNUP'>;
  jwtSecret: Uint8Array;
  /** Every session this service ends is published here before the request answers. */
  revocations: Pick<Revocations, 'publish'>;
  /** Where `me` finds the caller's user without a database read. */
  credentials: Pick<CredentialCache, 'user'>;
  /** Session and refresh-token lifetimes, rotations and revocations are dated by it. */
  clock: Clock;
}

/** Where a login comes from; recorded on the session. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

type SignupBody = Static<typeof SignupBodySchema>;
type LoginBody = Static<typeof LoginBodySchema>;
type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;
type ListSessionsQuery = Static<typeof ListSessionsQuerySchema>;

const invalidCredentials = () =>
  unauthorized('The email or password is not right', 'INVALID_CREDENTIALS');
const invalidRefreshToken = () =>
  unauthorized('The refresh token is not valid; sign in again', 'INVALID_REFRESH_TOKEN');

export function createAuthService({
  db,
  config,
  jwtSecret,
  revocations,
  credentials,
  clock,
}: AuthServiceDeps) {
  const expiresAfterRefreshTtl = () => new Date(clock.nowMs() + config.REFRESH_TTL * 1000);

  const roleList = (roles: string[]): Role[] => roles.filter(isRole);

  /** Issues an access token and a fresh refresh token for a session. */
  async function issueTokens(tx: Executor, sessionId: string, user: usersRepo.UserRow) {
    const refreshToken = randomToken(32);
    await repo.insertRefreshToken(tx, {
      sessionId,
      tokenHash: sha256(refreshToken),
      expiresAt: expiresAfterRefreshTtl(),
    });
    const accessToken = await signAccessToken(
      jwtSecret,
      { userId: user.id, sessionId, roles: roleList(user.roles) },
      config.JWT_ACCESS_TTL,
      clock.now(),
    );
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer' as const,
      expiresIn: config.JWT_ACCESS_TTL,
      user: toUserDto(user),
    };
  }

  /**
   * Charges the attempt to each of its counters, atomically and before the password is checked;
   * refuses (and audits) it when one of them is blocked, taking it back from those already charged.
   */
  async function chargeAttempt(counters: ThrottleCounter[], email: string) {
    for (const [index, counter] of counters.entries()) {
      if (await repo.recordAttempt(db, counter.key, counter.policy)) continue;
      for (const charged of counters.slice(0, index))
        await repo.refundAttempt(db, charged.key, charged.policy.free);
      // Blocks are set by the database's clock (`now()` in `recordAttempt`), so Retry-After is
      // measured against the real time too, not the injected clock.
      const until = (await repo.blockedUntil(db, counter.key))?.getTime() ?? Date.now() + 1000;
      await writeAudit(db, {
        action: 'auth.login',
        outcome: 'failure',
        resourceType: 'user',
        actorId: null,
        details: { email: email.slice(0, 254), reason: 'throttled' },
      });
      throw rateLimited(
        Math.max(1, Math.ceil((until - Date.now()) / 1000)),
        'Too many failed sign-in attempts; wait before trying again',
        'LOGIN_THROTTLED',
      );
    }
  }

  return {
    async signup(input: SignupBody) {
      if (config.SIGNUP === 'closed')
        throw forbidden('Sign-up is closed; ask an administrator for an account', 'SIGNUP_CLOSED');
      assertStrongPassword(input.password);
      try {
        return await inTransaction(db, async ({ tx }) => {
          const user = await insertNewUser(tx, { ...input, roles: ['learner'] }, null);
          await writeAudit(tx, {
            action: 'auth.signup',
            resourceType: 'user',
            resourceId: user.id,
            actorId: user.id,
            actorType: 'user',
          });
          return user;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTakenError();
        throw error;
      }
    },

    /**
     * Checks the password and opens a session. Each attempt is counted per (account, address),
     * per address and per account before the password is checked (see `throttle.ts`); past an
     * allowance, attempts are refused for a growing time (429 `LOGIN_THROTTLED`).
     * An unknown email and a wrong password look the same, in answer and in timing.
     */
    async login(input: LoginBody, origin: Origin) {
      const counters = throttleCounters(input.email, origin.ip);
      await chargeAttempt(counters, input.email);
      const user = await usersRepo.findUserByEmail(db, input.email.trim());
      let valid = false;
      if (user) valid = await verifyPassword(user.passwordHash, input.password);
      else await burnPasswordCheck(input.password);
      if (!user || !valid || user.disabledAt) {
        await writeAudit(db, {
          action: 'auth.login',
          outcome: 'failure',
          resourceType: 'user',
          resourceId: user?.id ?? null,
          actorId: null,
          details: {
            email: input.email.slice(0, 254),
            reason: user ? 'bad_password' : 'unknown_email',
          },
        });
        throw invalidCredentials();
      }
      return inTransaction(db, async ({ tx }) => {
        // This address and this account proved themselves; the address keeps its other failures.
        await repo.clearFailures(tx, [
          accountKey(input.email),
          ...(origin.ip ? [pairKey(input.email, origin.ip)] : []),
        ]);
        if (origin.ip) await repo.refundAttempt(tx, ipKey(origin.ip), IP_FREE_FAILURES);
        const session = await repo.insertSession(tx, {
          userId: user.id,
          userAgent: origin.userAgent?.slice(0, 500) ?? null,
          ip: origin.ip,
          expiresAt: expiresAfterRefreshTtl(),
        });
        await writeAudit(tx, {
          action: 'auth.login',
          resourceType: 'session',
          resourceId: session.id,
          actorId: user.id,
          actorType: 'user',
        });
        return issueTokens(tx, session.id, user);
      });
    },

    /**
     * Swaps a refresh token for a new pair. A token is single-use: presenting one that was
     * already swapped means it leaked, so the whole session is revoked (401 `REFRESH_TOKEN_REUSED`).
     */
    async refresh(refreshToken: string) {
      const outcome = await inTransaction(db, async ({ tx, afterCommit }) => {
        const token = await repo.findRefreshToken(tx, sha256(refreshToken));
        if (!token) return { error: invalidRefreshToken() };
        if (token.sessionRevokedAt) return { error: invalidRefreshToken() };
        if (token.rotatedAt || !(await repo.markRotated(tx, token.id, clock.now()))) {
          await repo.revokeSession(tx, token.sessionId, 'refresh_token_reused', clock.now());
          afterCommit(() => revocations.publish({ sessions: [token.sessionId] }));
          await writeAudit(tx, {
            action: 'session.revoked',
            outcome: 'failure',
            resourceType: 'session',
            resourceId: token.sessionId,
            actorId: token.userId,
            actorType: 'user',
            details: { reason: 'refresh_token_reused' },
          });
          return {
            error: unauthorized(
              'This refresh token was already used; the session has been ended for safety',
              'REFRESH_TOKEN_REUSED',
            ),
          };
        }
        const now = clock.nowMs();
        if (token.expiresAt.getTime() <= now || token.sessionExpiresAt.getTime() <= now)
          return { error: invalidRefreshToken() };
        const user = await usersRepo.findUserById(tx, token.userId);
        if (!user || user.disabledAt) return { error: invalidRefreshToken() };
        await repo.touchSession(tx, token.sessionId, clock.now());
        return { tokens: await issueTokens(tx, token.sessionId, user) };
      });
      // The reuse revocation must commit, so the error is thrown only after the transaction.
      if ('error' in outcome) throw outcome.error;
      return outcome.tokens;
    },

    async logout(auth: Auth): Promise<void> {
      const caller = requireUserSession(auth);
      await inTransaction(db, async ({ tx, afterCommit }) => {
        await repo.revokeSession(tx, caller.sessionId, 'logout', clock.now());
        afterCommit(() => revocations.publish({ sessions: [caller.sessionId] }));
        await writeAudit(tx, {
          action: 'auth.logout',
          resourceType: 'session',
          resourceId: caller.sessionId,
        });
      });
    },

    async me(auth: Auth) {
      const caller = requirePrincipal(auth);
      // Warm, this reads nothing: the DTO is dropped by every change to the user (revocations).
      const user = await credentials.user(caller.userId, async () => {
        const row = await usersRepo.findUserById(db, caller.userId);
        return row && toUserDto(row);
      });
      if (!user) throw unauthorized();
      return {
        user,
        permissions: [...caller.permissions].sort(),
        credential: {
          type: caller.type,
          ...(caller.sessionId ? { sessionId: caller.sessionId } : {}),
          ...(caller.apiKeyId ? { apiKeyId: caller.apiKeyId } : {}),
        },
      };
    },

    /** The caller's live sessions, newest first. */
    async listSessions(auth: Auth, query: ListSessionsQuery): Promise<Page<SessionDto>> {
      const caller = requireUserSession(auth);
      const beforeId = query.cursor ? decodeIdCursor(query.cursor) : undefined;
      const rows = await repo.listLiveSessions(
        db,
        caller.userId,
        clock.now(),
        beforeId,
        query.limit,
      );
      return pageOf(
        rows.map((r) => toSessionDto(r, caller.sessionId)),
        query.limit,
        (last) => ({ id: last.id }),
      );
    },

    /** Ends one session: your own, or anyone's with `sessions:manage` (404 otherwise). */
    async revokeSession(auth: Auth, id: string): Promise<void> {
      requirePrincipal(auth);
      await inTransaction(db, async ({ tx, afterCommit }) => {
        const session = await repo.findSession(tx, id);
        // Someone else's session is as unknown as a missing one: no oracle for session ids.
        if (
          !session ||
          session.revokedAt ||
          !mayAccess(auth, 'sessions:manage', { ownerId: session.userId })
        )
          throw notFound('Session', 'SESSION_NOT_FOUND');
        await repo.revokeSession(tx, id, 'revoked', clock.now());
        afterCommit(() => revocations.publish({ sessions: [id] }));
        await writeAudit(tx, {
          action: 'session.revoked',
          resourceType: 'session',
          resourceId: id,
          details: { userId: session.userId },
        });
      });
    },

    async revokeAllSessions(auth: Auth, keepCurrent: boolean) {
      const caller = requireUserSession(auth);
      return inTransaction(db, async ({ tx, afterCommit }) => {
        const ids = await repo.revokeUserSessions(
          tx,
          caller.userId,
          'revoked_all',
          clock.now(),
          keepCurrent ? caller.sessionId : undefined,
        );
        afterCommit(() => revocations.publish({ sessions: ids }));
        await writeAudit(tx, {
          action: 'session.revoked_all',
          resourceType: 'user',
          resourceId: caller.userId,
          details: { revoked: ids.length, keptCurrent: keepCurrent },
        });
        return { revoked: ids.length };
      });
    },

    /**
     * Changes the caller's password. The current one must be right (400
     * `INVALID_CURRENT_PASSWORD`, a failure that counts towards the sign-in throttle of the
     * account), the new one strong (400 `WEAK_PASSWORD`). Every other session of the user ends,
     * with its sockets; this one stays.
     */
    async changePassword(auth: Auth, input: ChangePasswordBody): Promise<{ revoked: number }> {
      const caller = requireUserSession(auth);
      const user = await usersRepo.findUserById(db, caller.userId);
      if (!user) throw unauthorized();
      // Its own counter, charged before the check like a sign-in: a stolen session cannot guess
      // the password without limit, and the owner's sign-ins are not locked by it.
      const counter = passwordChangeCounter(user.id);
      await chargeAttempt([counter], user.email);
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await inTransaction(db, async ({ tx }) => {
          await writeAudit(tx, {
            action: 'auth.password_changed',
            outcome: 'failure',
            resourceType: 'user',
            resourceId: user.id,
            details: { reason: 'bad_password' },
          });
        });
        // 400, not 401: the access token is fine, and clients sign out on a 401.
        throw validationError(
          'The current password is not right',
          [{ path: '/body/currentPassword', message: 'is not your current password' }],
          'INVALID_CURRENT_PASSWORD',
        );
      }
      assertStrongPassword(input.newPassword, '/body/newPassword');
      if (input.newPassword === input.currentPassword)
        throw validationError(
          'The new password must differ from the current one',
          [{ path: '/body/newPassword', message: 'is the current password' }],
          'WEAK_PASSWORD',
        );
      const passwordHash = await hashPassword(input.newPassword);
      return inTransaction(db, async ({ tx, afterCommit }) => {
        await repo.clearFailures(tx, [counter.key]);
        await usersRepo.setPasswordHash(tx, user.id, passwordHash, user.id);
        const ids = await repo.revokeUserSessions(
          tx,
          user.id,
          'password_changed',
          clock.now(),
          caller.sessionId,
        );
        afterCommit(() => revocations.publish({ sessions: ids, rights: [user.id] }));
        await writeAudit(tx, {
          action: 'auth.password_changed',
          resourceType: 'user',
          resourceId: user.id,
          details: { revokedSessions: ids.length },
        });
        return { revoked: ids.length };
      });
    },

    checkPermission(auth: Auth, permission: string) {
      const caller = requirePrincipal(auth);
      if (!isPermission(permission))
        throw validationError(
          `Unknown permission ${permission}`,
          [{ path: '/querystring/permission', message: 'is not a known permission' }],
          'UNKNOWN_PERMISSION',
        );
      return { permission, allowed: caller.permissions.has(permission) };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
