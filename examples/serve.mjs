// Serves the repository's files over HTTP on a loopback port, with a ws echo server at /echo,
// so the example pages can run: `node examples/serve.mjs` prints the address.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const root = fileURLToPath(new URL('..', import.meta.url));
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

/** Starts the server; resolves with its base URL. Used by the browser tests too. */
export async function serveExamples(port = 0) {
  const server = createServer((request, response) => {
    let path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  const echo = new WebSocketServer({ server, path: '/echo' });
  echo.on('connection', (peer) => peer.on('message', (data, isBinary) => peer.send(data, { binary: isBinary })));
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, server, echo };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serveExamples(Number(process.env.PORT ?? 8080));
  console.log(`serving on ${url} — try ${url}/examples/browser-esm/ and ${url}/examples/cdn-script-tag/`);
}
