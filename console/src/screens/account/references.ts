import { useEffect, useState } from 'react';
import { api, must } from '../../api/client';
import type { CodeOption } from '../../components/CodeField';
import { useSession } from '../../session';
import type { Features } from './form-model';

type PartnerKind = 'contractor' | 'customer';

const calendarDay = /^\d{4}-\d{2}-\d{2}$/;

/** One look-up per key (a date, a kind), answered once; errors leave the list empty (the name reads 該当なし). */
function useOptions(key: string | undefined, load: (key: string) => Promise<CodeOption[]>): CodeOption[] {
  const { can } = useSession();
  const [answers, setAnswers] = useState<Record<string, CodeOption[]>>({});
  const readable = can('reference:read');
  useEffect(() => {
    if (key === undefined || !readable || answers[key]) return;
    let current = true;
    load(key).then(
      (options) => current && setAnswers((previous) => ({ ...previous, [key]: options })),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [key, readable, answers]);
  return key === undefined ? [] : (answers[key] ?? []);
}

const departmentsAsOf = async (day: string) =>
  (await must(api.GET('/api/departments', { params: { query: calendarDay.test(day) ? { asOf: day } : {} } }))).items;
const reportingDepartments = async () => (await must(api.GET('/api/reporting-departments'))).items;
const partnersOf = async (kind: string) =>
  (await must(api.GET('/api/partners', { params: { query: { kind: kind as PartnerKind } } }))).items;

/** The departments valid on a day (組織変更: a name as of the date shown); a half-typed date asks for today. */
export function useDepartments(day: string): CodeOption[] {
  return useOptions(calendarDay.test(day) ? day : 'today', departmentsAsOf);
}

export function useReportingDepartments(): CodeOption[] {
  return useOptions('all', reportingDepartments);
}

export function usePartners(kind: 'own' | PartnerKind): CodeOption[] {
  return useOptions(kind === 'own' ? undefined : kind, partnersOf);
}

/** The company's switches the screen follows (GET /api/settings/features, readable with accounts:read). */
export function useFeatures(): Features | undefined {
  const [features, setFeatures] = useState<Features>();
  useEffect(() => {
    must(api.GET('/api/settings/features')).then(setFeatures, () => undefined);
  }, []);
  return features;
}
