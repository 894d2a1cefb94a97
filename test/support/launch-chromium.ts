// Debian's Chromium driven by playwright-core, as every browser test starts it: headless, no
// sandbox (CI runs as root), and none of the background traffic a fresh profile would make, so
// the tests' only network traffic is to their loopback servers. playwright gives every launch a
// new, empty profile directory of its own and ends the browser on close().
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
