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
  await app.register(fastifyStatic, { root: dist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const isPageRequest = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/webhooks/');
    if (isPageRequest) return reply.sendFile('index.html');
    return reply.code(404).send({ code: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` });
  });
});
