import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from './api/client';
import { en, ja, type MessageKey } from './messages';

export type Language = 'ja' | 'en';

const catalogues: Record<Language, Record<MessageKey, string>> = { ja, en };
const storageKey = 'console.language';

/** The language the admin chose with the switch; not a secret, so localStorage is fine for it. */
function chosenLanguage(): Language | undefined {
  const stored = localStorage.getItem(storageKey);
  return stored === 'ja' || stored === 'en' ? stored : undefined;
}

interface I18n {
  language: Language;
  /** The switch: remembered on this browser. */
  choose(language: Language): void;
  /** The account's locale after login, unless the admin chose one with the switch. */
  follow(locale: Language): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(() => chosenLanguage() ?? 'ja');
  const value = useMemo<I18n>(() => {
    setApiLanguage(language);
    document.documentElement.lang = language;
    return {
      language,
      choose(next) {
        localStorage.setItem(storageKey, next);
        setLanguage(next);
      },
      follow(locale) {
        if (!chosenLanguage()) setLanguage(locale);
      },
      t(key, params) {
        const text = catalogues[language][key];
        return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')) : text;
      },
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/**
 * Dates and times as the admin reads them, in the console's language; in `timeZone` (the company's, from the
 * session) when given, else the browser's; to the second where the order of events matters (the audit log).
 */
export function formatDateTime(
  iso: string | null | undefined,
  language: Language,
  timeZone?: string,
  precision: 'minutes' | 'seconds' = 'minutes',
): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: precision === 'seconds' ? 'medium' : 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}
