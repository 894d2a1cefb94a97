// The browser entry can hand the real globals to browserConnectivity without a cast.
import { expectTypeOf, it } from 'vitest';
import type { OnlineGlobals } from '../../src/policy/connectivity.js';

it('accepts window and the global object as they are typed in the DOM library', () => {
  expectTypeOf<Window>().toExtend<OnlineGlobals>();
  expectTypeOf<typeof globalThis>().toExtend<OnlineGlobals>();
  expectTypeOf<{ navigator: { onLine: boolean } }>().not.toExtend<OnlineGlobals>();
});
