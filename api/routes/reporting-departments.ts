import { reportingDepartmentChart } from '../../domain/organisation/reporting-departments';
import { registerOrgChartRoutes } from './org-chart';
import type { RouteTarget } from './types';

/** The reporting organisation chart (集計用組織図), the scope of 集計用コントロール部門. */
export function registerReportingDepartmentRoutes(target: RouteTarget): void {
  registerOrgChartRoutes(target, reportingDepartmentChart, {
    basePath: '/api/reporting-departments',
    tag: 'Reporting departments',
    schemaName: 'ReportingDepartment',
    extraViewSchema: {},
  });
}
