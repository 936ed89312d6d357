import { useEffect, useState } from 'react';
import { api, must, type Schemas } from '../api/client';
import { TextField } from '../components/TextField';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';

type Draft = Record<string, string>;
interface Choice {
  value: string;
  label: string;
}
interface Choices {
  departmentCode: Choice[];
  partnerCode: Choice[];
  projectCode: Choice[];
}

const lookups: { key: keyof Choices; label: MessageKey }[] = [
  { key: 'departmentCode', label: 'department' },
  { key: 'partnerCode', label: 'partner' },
  { key: 'projectCode', label: 'project' },
];

function choicesOf(
  departments: Schemas['Department'][],
  partners: Schemas['Partner'][],
  projects: Schemas['Project'][],
): Choices {
  return {
    // Indented as the tree is drawn, so a department is found under its parent.
    departmentCode: departments.map((d) => ({
      value: d.code,
      label: `${'\u3000'.repeat(d.depth)}${d.name} (${d.code})`,
    })),
    partnerCode: partners.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })),
    projectCode: projects.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })),
  };
}

/**
 * 所属部門, 委託先/顧客 and 参加プロジェクト on the search form, chosen by name (the reference data of today); a role
 * that may not read the reference data types the code instead.
 */
export function AccountSearchLookups({ draft, setDraft }: { draft: Draft; setDraft(next: Draft): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const mayLookUp = can('reference:read');
  const [choices, setChoices] = useState<Choices>();

  useEffect(() => {
    if (!mayLookUp) return;
    Promise.all([
      must(api.GET('/api/departments')),
      must(api.GET('/api/partners')),
      must(api.GET('/api/projects')),
    ]).then(
      ([departments, partners, projects]) => setChoices(choicesOf(departments.items, partners.items, projects.items)),
      // Without the look-ups the codes can still be typed.
      () => setChoices(undefined),
    );
  }, [mayLookUp]);

  return (
    <>
      {lookups.map(({ key, label }) =>
        choices ? (
          <div className="field" key={key}>
            <label htmlFor={`filter-${key}`}>{t(label)}</label>
            <select
              id={`filter-${key}`}
              value={draft[key] ?? ''}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            >
              <option value="">{t('any')}</option>
              {/* A contractor and a customer may share a code: the position keeps the keys apart. */}
              {choices[key].map((choice, index) => (
                <option key={`${index}-${choice.value}`} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <TextField
            key={key}
            label={t(label)}
            value={draft[key] ?? ''}
            onChange={(v) => setDraft({ ...draft, [key]: v })}
          />
        ),
      )}
    </>
  );
}
