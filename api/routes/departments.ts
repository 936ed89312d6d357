import { z } from 'zod';
import { departmentChart } from '../../domain/organisation/departments';
import { registerOrgChartRoutes } from './org-chart';
import type { RouteTarget } from './types';

/** The HR organisation chart (部門マスタ), with each department's approver (承認者). */
export function registerDepartmentRoutes(target: RouteTarget): void {
  registerOrgChartRoutes(target, departmentChart, {
    basePath: '/api/departments',
    tag: 'Departments',
    schemaName: 'Department',
    extraViewSchema: { approverCode: z.string().nullable() },
  });
}
