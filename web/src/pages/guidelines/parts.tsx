// Small pieces the guidelines tabs share: section text (paragraphs and "- " lists), a line diff, and the
// severity badge.
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffLine, GuidelineSection, Severity } from './types.ts';

/** Markdown-ish: blank lines part paragraphs; a block whose lines start with "- " or "* " is a list. */
export function SectionBody({ body }: { body: string }) {
  const blocks = body
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split('\n');
        // Blocks of one text have no identity but their place.
        const key = i;
        if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
          return (
            <ul key={key}>
              {lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <li key={j}>{l.replace(/^\s*[-*]\s+/, '')}</li>
              ))}
            </ul>
          );
        }
        return (
          <p key={key}>
            {lines.map((l, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <Fragment key={j}>
                {j > 0 && <br />}
                {l}
              </Fragment>
            ))}
          </p>
        );
      })}
    </>
  );
}

export function Sections({ sections }: { sections: GuidelineSection[] }) {
  return (
    <div className="gl-doc">
      {sections.map((s) => (
        <section
          key={s.key}
          id={`section-${s.key}`}
          className="gl-doc__section"
          data-testid={`section-${s.key}`}
        >
          <h2 className="gl-doc__title">{s.title}</h2>
          <SectionBody body={s.body} />
        </section>
      ))}
    </div>
  );
}

export function Diff({ lines, testId }: { lines: DiffLine[]; testId?: string }) {
  const { t } = useTranslation();
  const changed = lines.some((l) => l.op !== 'same');
  if (!changed) return <p className="muted">{t('guidelines.diff.none')}</p>;
  return (
    <pre className="gl-diff" data-testid={testId}>
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: diff lines are positional
        <span key={i} className={`gl-diff__line gl-diff__line--${l.op}`}>
          <span className="gl-diff__sign" aria-hidden="true">
            {l.op === 'add' ? '+' : l.op === 'remove' ? '−' : ' '}
          </span>
          {l.op !== 'same' && <span className="visually-hidden">{t(`guidelines.diff.${l.op}`)}: </span>}
          {l.text || ' '}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <span className={`gl-sev gl-sev--${severity}`}>{t(`guidelines.severity.${severity}`)}</span>;
}
