// The browser and the exported document call things by the same names: the UI's vocabulary (web/src/i18n,
// strategy.vocab) must equal the server's, in every language.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/process.ts';
import { LOCALES } from '../../team/schema.ts';
import { DOCUMENT_TEXTS } from './document.ts';
import { LABELS } from './labels.ts';

describe('strategy vocabulary', () => {
  for (const locale of LOCALES) {
    it(`is the same on the server and in the browser (${locale})`, () => {
      const file = path.join(repoRoot, 'web', 'src', 'i18n', `${locale}.json`);
      const web = JSON.parse(fs.readFileSync(file, 'utf8')) as { strategy: { vocab: unknown } };
      const { gap: _gap, decision: _decision, ...shared } = LABELS[locale];
      expect(web.strategy.vocab).toEqual(shared);
    });
  }

  it('has every document text in every language', () => {
    for (const locale of LOCALES)
      expect(Object.keys(DOCUMENT_TEXTS[locale]).sort()).toEqual(Object.keys(DOCUMENT_TEXTS.en).sort());
  });
});
