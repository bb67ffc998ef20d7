/** The email an erased account keeps: unique, undeliverable (RFC 2606 `.invalid`), and no one's. */
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/** Whether the account was erased (GDPR): its row stays, holding nothing personal. */
export const isErased = (user: { id: string; email: string }) =>
  user.email === erasedEmail(user.id);
