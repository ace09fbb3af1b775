import type { RuntimeMessages } from './ja.ts';

export const en: RuntimeMessages = {
  demo: {
    workspace: 'Demo workspace',
    channel: 'Demo (Fake LINE)',
    purchasedTag: 'Purchased',
    doneTag: 'Steps done',
    shopQrRoute: 'In-store QR code',
    scenario: 'Welcome on friend added',
  },
  scenario: {
    copyName: '{name} (copy)',
  },
  mail: {
    invitationSubject: 'Invitation to {workspace}',
    invitationText: '{inviter} invited you to "{workspace}" ({organization}) as {role}.\nJoin with this link (valid for 7 days):\n{link}',
    resetSubject: 'Reset your password',
    resetText: 'We received a request to reset your password. Set a new one with this link (valid for 1 hour, once):\n{link}\nIf you did not ask for this, ignore this mail.',
    role: { owner: 'owner', admin: 'admin', editor: 'editor', viewer: 'viewer' },
  },
  link: {
    notFoundTitle: 'Link not found',
    notFoundText: 'This link is not valid.',
  },
};
