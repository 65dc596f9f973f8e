// Debian's Chromium, headless, driven by playwright-core (which downloads no browser of its own).
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './provision.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(runDir, { width = 1400, height = 900, colorScheme = 'light' } = {}) {
  const profile = mkdtempSync(join(runDir, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    colorScheme,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
