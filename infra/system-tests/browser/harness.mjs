// What every browser script here shares: Debian's Chromium, the clerk's and the phone's screens, a log with the
// seconds since start, checks that stop the script, numbered screenshots, and the office's TOTP codes.
import { chromium } from 'playwright-core';
import * as OTPAuth from 'otpauth';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const started = Date.now();
export const log = m => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${m}`);
export function check(ok, message) { if (!ok) throw new Error('check failed: ' + message); }

/** Headless Debian chromium (never a downloaded browser); CHROMIUM names another. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** The counter's screen, 1366×768, in Vietnamese and Vietnam's time. */
export function deskContext(browser) {
  return browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** A citizen's phone, 390×844. */
export function phoneContext(browser) {
  return browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** shot(page, name): a full-page PNG in dir, numbered in order, its name starting with prefix. */
export function screenshots(dir, prefix) {
  mkdirSync(dir, { recursive: true });
  let step = 0;
  return async (page, name) => {
    const file = join(dir, `${prefix}${String(++step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    log('screenshot ' + file);
  };
}

/** The codes of an authenticator app with this key. Cognito (and moto) accept the code of the current 30 s step:
 *  never hand out one that expires on its way. */
export function authenticator(key) {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key.toUpperCase()), digits: 6, period: 30, algorithm: 'SHA1' });
  return async function freshCode() {
    const left = 30000 - Date.now() % 30000;
    if (left < 3000) await new Promise(r => setTimeout(r, left + 100));
    return totp.generate();
  };
}
