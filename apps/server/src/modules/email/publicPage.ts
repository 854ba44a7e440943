// Small bilingual HTML pages for people who arrive without signing in (unsubscribe, web forms).
import { escapeHtml } from '../../platform/mail/mergeFields';

export function publicPage(title: { en: string; zh: string }, body: { en: string; zh: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title.en)} · ${escapeHtml(title.zh)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}p{line-height:1.5}.zh{margin-top:2rem;border-top:1px solid #ddd;padding-top:1rem}</style>
</head><body>
<h1>${escapeHtml(title.en)}</h1><p>${escapeHtml(body.en)}</p>
<div class="zh" lang="zh-CN"><h1>${escapeHtml(title.zh)}</h1><p>${escapeHtml(body.zh)}</p></div>
</body></html>`;
}

export const wantsHtml = (accept: string | undefined) => Boolean(accept && /text\/html/.test(accept));
