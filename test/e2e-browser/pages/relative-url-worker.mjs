// A module worker (no document): both WebSockets get a URL relative to the worker's own, which
// the standard resolves against it (the relevant settings object's API base URL).
import { SteadySocket } from '/dist/browser/index.js';

const outcome = (make) =>
  new Promise((resolve) => {
    try {
      const socket = make();
      socket.onopen = () => {
        resolve(`open ${socket.url}`);
        socket.close();
      };
      socket.onclose = (event) => resolve(`close ${event.code}`);
    } catch (error) {
      resolve(`threw ${error.name}`);
    }
  });

postMessage({
  native: await outcome(() => new WebSocket('/echo')),
  ours: await outcome(() => new SteadySocket('/echo', undefined, { reconnect: false, queue: false })),
});
