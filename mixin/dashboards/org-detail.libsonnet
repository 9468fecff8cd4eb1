local g = import '../lib/grafana.libsonnet';
local common = import 'common.libsonnet';

function(config)
  local s = 'job=~"$job", instance=~"$instance", org="$org"';
  local daily = '%s, limit="DailyApiRequests"' % s;
  local used(sel) = 'salesforce_limit_max{%s} - salesforce_limit_remaining{%s}' % [sel, sel];
  local limitVariable = g.variable('limit', 'Limit', 'label_values(salesforce_limit_max{job=~"$job", instance=~"$instance", org="$org"}, limit)', true, {
    selected: true,
    text: ['DailyApiRequests', 'DailyBulkApiBatches', 'DailyAsyncApexExecutions'],
    value: ['DailyApiRequests', 'DailyBulkApiBatches', 'DailyAsyncApexExecutions'],
  });

  g.dashboard(
    'salesforce-org',
    'Salesforce limits / Org detail',
    "One Salesforce org in depth: when API requests run out, every limit's usage, per-app quotas, storage.",
    ['org'],
    config.exporterSelector,
    g.layout([
      [
        g.panel('stat', 'Org up', 'Up when the latest /limits refresh of this org succeeded; down when it failed (the panels then show the last values read) or, with one target per org, when Prometheus cannot scrape its target (nothing new of the org reaches the panels then).', 'none', [
          g.target(common.orgUp(s), instant=true),
        ], 4, 4) { fieldConfig+: { defaults+: { mappings: [{ type: 'value', options: { '0': { text: 'down', color: 'red', index: 0 }, '1': { text: 'up', color: 'green', index: 1 } } }] } } },
        g.panel('stat', 'Age of the limit values', 'How long ago the exporter last read this org\'s limits successfully.', 's', [
          g.target('time() - salesforce_last_refresh_timestamp_seconds{%s}' % s, instant=true),
        ], 4, 4),
        g.panel('stat', 'DailyApiRequests used', 'DailyApiRequests used now, (max - remaining) / max, coloured by the default thresholds: 60 % attention, 80 % escalation.', 'percentunit', [
          g.target('org_limit:salesforce_limit_used_per_max:ratio{%s}' % daily, instant=true),
        ], 4, 4) { fieldConfig+: { defaults+: { thresholds: g.steps(config.usageThresholds.perLimit.DailyApiRequests.warning, config.usageThresholds.perLimit.DailyApiRequests.critical) } } },
        g.panel('stat', 'DailyApiRequests: time to exhaustion', 'How long the remaining DailyApiRequests last at the net pace of the last hour (remaining / consumption per second); 1 day means it does not run out within a day at this pace.', 's', [
          g.target(common.timeToExhaustion(s), instant=true),
        ], 4, 4) { fieldConfig+: { defaults+: { thresholds: common.timeThresholds } } },
        g.panel('table', 'Org', 'The org as the exporter sees it: Salesforce org id, instance URL and the API version in use.', 'none', [
          g.target('salesforce_org_info{%s}' % s, instant=true, format='table'),
        ], 8, 4) { transformations: [g.organize(['Time', 'job', 'instance', '__name__', 'Value'])] },
      ],
      [
        g.panel('timeseries', 'API requests used, rolling 24 hours', 'DailyApiRequests used (max - remaining) and the org\'s max. Salesforce counts a rolling 24-hour window.', 'short', [
          g.target(used(daily), 'used'),
          g.target('salesforce_limit_max{%s}' % daily, 'max'),
        ], 12, 8),
        g.panel('timeseries', 'API requests per hour', 'Net DailyApiRequests consumption per hour at the pace of the last 15 minutes (3 refreshes): new requests minus those leaving the rolling window; clamped at 0, so a drop in usage reads as 0, never as a negative swing.', 'short', [
          g.target('3600 * clamp_min(-deriv(salesforce_limit_remaining{%s}[15m]), 0)' % daily, 'requests per hour'),
        ], 12, 8),
      ],
      [
        g.panel('timeseries', 'Usage of every limit', "Each limit's usage, (max - remaining) / max, over time.", 'percentunit', [
          g.target('org_limit:salesforce_limit_used_per_max:ratio{%s}' % s, '{{limit}}'),
        ], 24, 10),
      ],
      [
        common.limitsTable(
          'All limits now',
          'Every limit Salesforce reports for this org with max > 0: used = (max - remaining) / max now, the warning and critical thresholds in force for it (Infinity: alerts off for it), and the state they give.',
          s, 16, 10, false,
        ),
        g.panel('timeseries', 'Storage used', 'Data and file storage used (max - remaining), in MB, with the org\'s allocation.', 'decmbytes', [
          g.target(used('%s, limit=~"DataStorageMB|FileStorageMB"' % s), '{{limit}} used'),
          g.target('salesforce_limit_max{%s, limit=~"DataStorageMB|FileStorageMB"}' % s, '{{limit}} max'),
        ], 8, 10),
      ],
      [
        g.panel('timeseries', '$limit: used and max', 'Used (max - remaining) and max of the limits picked with the Limit variable, in each limit\'s own unit.', 'short', [
          g.target(used('%s, limit=~"$limit"' % s), '{{limit}} used'),
          g.target('salesforce_limit_max{%s, limit=~"$limit"}' % s, '{{limit}} max'),
        ], 12, 9),
        g.panel('timeseries', 'Per-app quota usage', 'Usage of nested limits: connected apps\' own quotas (e.g. under DailyApiRequests) and named sub-limits (e.g. PermissionSets / CreateCustom). Entries with max 0 are left out.', 'percentunit', [
          g.target('org_limit_app:salesforce_limit_app_used_per_max:ratio{%s}' % s, '{{limit}} / {{app}}'),
        ], 12, 9) { fieldConfig+: { defaults+: { thresholds: g.steps(config.appQuotaThreshold, 1) } } },
      ],
    ]),
    [common.orgVariable(false), limitVariable],
  )
