// Prints a receipt (form 01) as Chromium prints it, and measures it: the PDF, its page size, its
// page count, and the content height against the printable height of the page.
// As a module: printReceipt(context, html[, origin]); with an origin, the page is written on that origin's
// app page first, so the form's font (/app/fonts/…) loads as it does in the app. As a command:
//   node receipt-print.mjs <receipt.html> <out.pdf>   -> one JSON line {pages, widthPt, heightPt, contentMm, printableMm, bodyPt}
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const MM = 96 / 25.4; // CSS px per mm

export async function printReceipt(context, html, origin) {
  const page = await context.newPage();
  try {
    if (origin) await page.goto(origin + '/app/config.json');
    await page.setContent(html);
    await page.evaluate(() => document.fonts.ready);
    await page.emulateMedia({ media: 'print' });
    // lay the page out at the printable width the @page rule leaves, to measure the height it needs
    const box = await page.evaluate(() => {
      const rule = [...document.styleSheets].flatMap(s => [...s.cssRules]).find(r => r instanceof CSSPageRule);
      const margin = side => {
        const v = rule?.style.getPropertyValue('margin-' + side) || '0';
        const m = /^([\d.]+)mm$/.exec(v.trim());
        return m ? Number(m[1]) : 0;
      };
      const [w, h] = /A4/i.test(rule?.style.getPropertyValue('size') || '') ? [210, 297] : [148, 210]; // A5 unless the page says A4
      return { widthMm: w - margin('left') - margin('right'), heightMm: h - margin('top') - margin('bottom') };
    });
    await page.setViewportSize({ width: Math.round(box.widthMm * MM), height: Math.round(box.heightMm * MM) });
    const { contentMm, bodyPt } = await page.evaluate(() => {
      const b = document.body, s = getComputedStyle(b);
      return { contentMm: (b.getBoundingClientRect().height + parseFloat(s.marginTop) + parseFloat(s.marginBottom)) * 25.4 / 96,
        bodyPt: parseFloat(s.fontSize) * 72 / 96 };
    });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const text = pdf.toString('latin1');
    const media = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(text);
    const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
    return { pdf, pages, widthPt: media ? Number(media[1]) : NaN, heightPt: media ? Number(media[2]) : NaN,
      contentMm: Math.round(contentMm * 10) / 10, printableMm: box.heightMm, bodyPt,
      // whether the app's Vietnamese font rendered the stacked diacritics (not a fallback font)
      tinos: await page.evaluate(() => [...document.fonts].some(f => f.family.replace(/"/g, '') === 'Tinos' && f.status === 'loaded')) };
  } finally {
    await page.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) { console.error('usage: node receipt-print.mjs <receipt.html> <out.pdf>'); process.exit(2); }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const { pdf, ...measure } = await printReceipt(context, readFileSync(input, 'utf8'));
    writeFileSync(output, pdf);
    console.log(JSON.stringify(measure));
  } finally {
    await browser.close();
  }
}
