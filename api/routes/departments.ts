import { z } from 'zod';
import { departmentChart } from '../../domain/organisation/departments';
import { listDepartmentsAsOf } from '../../domain/organisation/reorganisations';
import { registerOrgChartRoutes } from './org-chart';
import type { RouteTarget } from './types';

/** The HR organisation chart (部門マスタ), with each department's approver (承認者). */
export function registerDepartmentRoutes(target: RouteTarget): void {
  registerOrgChartRoutes(target, departmentChart, {
    basePath: '/api/departments',
    tag: 'Departments',
    schemaName: 'Department',
    extraViewSchema: {
      approverCode: z.string().nullable(),
      validFrom: z.iso.date().nullable().meta({ description: 'First day (組織変更); null: since always' }),
      validTo: z.iso.date().nullable().meta({ description: 'Last day (closed by a 組織変更); null: open-ended' }),
    },
    datedList: listDepartmentsAsOf,
  });
}
