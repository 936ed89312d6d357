import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { Principal } from '../../domain/access/principal';
import type { Permission } from '../../lib/permissions';
import type { Language } from '../messages';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

/** A GET that streams a CSV file (a results file or an export), documented as text/csv. */
export function defineCsvDownload<P extends z.ZodObject<z.ZodRawShape>>(
  target: RouteTarget,
  download: {
    path: string;
    summary: string;
    tag: string;
    permission: Permission;
    params: P;
    lines: string;
    notFound: string;
    fileName: (params: z.infer<P>) => string;
    header: (language: Language) => readonly string[];
    /** The rows, with texts in the language of the admin who downloads them. */
    rows: (em: EntityManager, auth: Principal, params: z.infer<P>, language: Language) => AsyncIterable<string[]>;
  },
): void {
  defineRoute(target, {
    method: 'get',
    path: download.path,
    summary: download.summary,
    tag: download.tag,
    access: { permission: download.permission },
    params: download.params,
    responses: {
      200: { description: download.lines, binary: 'text/csv' },
      404: { description: download.notFound },
    },
    handler: async ({ em, auth, params, language }) => ({
      status: 200,
      csv: {
        fileName: download.fileName(params),
        header: download.header(language),
        rows: download.rows(em, auth, params, language),
      },
    }),
  });
}
