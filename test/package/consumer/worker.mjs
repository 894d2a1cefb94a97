// A Cloudflare Worker: GET /?url=ws://... runs the scenario there and answers with the result.
import { SteadySocket } from 'steadysocket';
import { runScenario } from './scenario.mjs';

export default {
  async fetch(request) {
    const url = new URL(request.url).searchParams.get('url');
    try {
      return Response.json(await runScenario(SteadySocket, url));
    } catch (error) {
      return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
