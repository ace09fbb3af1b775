import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

/** Serves the editor's production build, with client-side routes falling back to index.html. */
export const editorStaticPlugin = fp<{ dist: string }>(async (app, { dist }) => {
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.log.warn(`no editor build in ${dist}; \`npm start\` builds it`);
    return;
  }
  // The not-found handler (plugins/error-handler.ts) answers page requests with index.html.
  // The editor's files are public (the log-in page is one of them); only its own routes are marked so.
  let registering = true;
  app.addHook('onRoute', (route) => {
    if (registering) route.config = { access: 'public', ...(route.config as object) } as typeof route.config;
  });
  await app.register(fastifyStatic, { root: dist, wildcard: false });
  registering = false;
});
