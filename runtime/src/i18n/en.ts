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
  link: {
    notFoundTitle: 'Link not found',
    notFoundText: 'This link is not valid.',
  },
};
