/**
 * The workflow interceptor modules every bundle of the workflows must include (scripts/bundle-workflows.ts for
 * production, the test and bench set-ups, the worker when it bundles at start in development): a prebuilt bundle
 * cannot take them later.
 */
export const workflowInterceptorModules = [require.resolve('../workflows/tracing-interceptors')];
