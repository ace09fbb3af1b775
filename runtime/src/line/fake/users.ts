import { randomBytes } from 'node:crypto';
import type { Message, UserProfile } from '../schemas/index.ts';

/** Virtual LINE users: their profiles, whether they blocked us, and every message they received. */

export interface FakeUser extends UserProfile {
  /** A blocked friend's pushes are answered 200 but not delivered, as on LINE. */
  blocked: boolean;
}

export type DeliveryVia = 'push' | 'multicast' | 'reply' | 'broadcast' | 'narrowcast';

export interface InboxEntry {
  /** LINE's message id, as returned in `sentMessages`. */
  id: string;
  quoteToken?: string;
  userId: string;
  channelId: string;
  via: DeliveryVia;
  receivedAt: string;
  retryKey?: string;
  notificationDisabled: boolean;
  message: Message;
}

const USER_ID = /^U[0-9a-f]{32}$/;

export function isUserId(value: string): boolean {
  return USER_ID.test(value);
}

/** A fresh id in LINE's format: `U` and 32 hex digits. */
export function createUserId(): string {
  return `U${randomBytes(16).toString('hex')}`;
}

export class UserDirectory {
  private readonly users = new Map<string, FakeUser>();
  private readonly inboxes = new Map<string, InboxEntry[]>();

  register(profile: Partial<UserProfile> & { displayName: string }): FakeUser {
    const userId = profile.userId ?? createUserId();
    const existing = this.users.get(userId);
    const user: FakeUser = { ...existing, ...profile, userId, blocked: existing?.blocked ?? false };
    this.users.set(userId, user);
    return user;
  }

  get(userId: string): FakeUser | undefined {
    return this.users.get(userId);
  }

  setBlocked(userId: string, blocked: boolean): void {
    const user = this.users.get(userId);
    if (user) user.blocked = blocked;
    else this.users.set(userId, { userId, displayName: userId, blocked });
  }

  isBlocked(userId: string): boolean {
    return this.users.get(userId)?.blocked ?? false;
  }

  deliver(entry: InboxEntry): void {
    const inbox = this.inboxes.get(entry.userId);
    if (inbox) inbox.push(entry);
    else this.inboxes.set(entry.userId, [entry]);
  }

  inbox(userId: string): InboxEntry[] {
    return this.inboxes.get(userId) ?? [];
  }

  /** Registered users and anyone who received a message, with how many messages each holds. */
  list(): Array<FakeUser & { received: number }> {
    const ids = new Set([...this.users.keys(), ...this.inboxes.keys()]);
    return [...ids].map((userId) => ({
      ...(this.users.get(userId) ?? { userId, displayName: userId, blocked: false }),
      received: this.inboxes.get(userId)?.length ?? 0,
    }));
  }

  /** Friends a broadcast reaches: every known user who has not blocked us. */
  reachable(): string[] {
    return this.list().filter((user) => !user.blocked).map((user) => user.userId);
  }

  reset(): void {
    this.users.clear();
    this.inboxes.clear();
  }
}
