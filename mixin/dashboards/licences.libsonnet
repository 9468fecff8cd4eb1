local g = import '../lib/grafana.libsonnet';
local common = import 'common.libsonnet';

function(config)
  local s = 'job=~"$job", instance=~"$instance", org=~"$org"';
  local licenseUsage = 'org_license:salesforce_license_used_per_max:ratio{%s}' % s;
  local entitlementUsage = 'org_entitlement:salesforce_entitlement_used_per_allowed:ratio{%s}' % s;
  local hide = ['Time', 'job', 'instance', '__name__'];

  g.dashboard(
    'salesforce-licences',
    'Salesforce limits / Licences and entitlements',
    'What Setup → Company Information shows beyond /limits, for every org: user and permission set licences, usage-based entitlements, record counts, and whether each source is read.',
    ['licences', 'entitlements'],
    config.exporterSelector,
    g.layout([
      [
        g.panel('table', 'Licences, fullest first', 'Active user and permission set licence types with a total above 0: used / total now, coloured at the licence alert thresholds (90 % warning, 100 % critical).', 'percentunit', [
          g.target('sort_desc(%s)' % licenseUsage, instant=true, format='table'),
          g.target('salesforce_license_used{%s}' % s, instant=true, format='table', i=1),
          g.target('salesforce_license_max{%s}' % s, instant=true, format='table', i=2),
        ], 24, 10) {
          fieldConfig+: { defaults+: { thresholds: g.steps(config.licenseThresholds.warning, config.licenseThresholds.critical), custom: { cellOptions: { type: 'color-text' } } } },
          transformations: [
            { id: 'merge', options: {} },
            g.organize(hide, { 'Value #A': 'used / total', 'Value #B': 'used', 'Value #C': 'total' }),
          ],
        },
      ],
      [
        g.panel('timeseries', 'Licence usage over time', 'Used / total of each Active licence type. The licences source reads them hourly, so the lines move in hourly steps.', 'percentunit', [
          g.target(licenseUsage, '{{org}} {{license}}'),
        ], 12, 8) { fieldConfig+: { defaults+: { thresholds: g.steps(config.licenseThresholds.warning, config.licenseThresholds.critical) } } },
        g.panel('timeseries', 'Entitlement usage over time', 'Used / allowed of each metered usage-based entitlement, per its frequency (monthly, yearly…). Above 1 the org is over its entitlement.', 'percentunit', [
          g.target(entitlementUsage, '{{org}} {{entitlement}} ({{frequency}})'),
        ], 12, 8) { fieldConfig+: { defaults+: { thresholds: g.steps(config.entitlementThreshold * 0.8, config.entitlementThreshold) } } },
      ],
      [
        g.panel('table', 'Usage-based entitlements', 'Setup → Company Information → Usage-based Entitlements: used / allowed now, used and allowed. Entitlements Salesforce does not meter have an allowed amount only.', 'percentunit', [
          g.target('sort_desc(%s)' % entitlementUsage, instant=true, format='table'),
          g.target('salesforce_entitlement_used{%s}' % s, instant=true, format='table', i=1),
          g.target('salesforce_entitlement_allowed{%s}' % s, instant=true, format='table', i=2),
        ], 16, 9) {
          fieldConfig+: { defaults+: { thresholds: g.steps(config.entitlementThreshold * 0.8, config.entitlementThreshold), custom: { cellOptions: { type: 'color-text' } } } },
          transformations: [
            { id: 'merge', options: {} },
            g.organize(hide + ['setting'], { 'Value #A': 'used / allowed', 'Value #B': 'used', 'Value #C': 'allowed' }),
          ],
        },
        g.panel('timeseries', 'Records per object', 'Approximate record count of each object (/limits/recordCount), where data storage growth comes from.', 'short', [
          g.target('salesforce_records{%s}' % s, '{{org}} {{object}}'),
        ], 8, 9),
      ],
      [
        g.panel('table', 'Sources', 'Whether the latest refresh of each source succeeded (1) and how long ago the last success was. A source without its permission stays 0; the exporter log names the permission to grant.', 'none', [
          g.target('salesforce_source_up{%s}' % s, instant=true, format='table'),
          g.target('time() - salesforce_source_last_success_timestamp_seconds{%s}' % s, instant=true, format='table', i=1),
        ], 24, 7) {
          transformations: [
            { id: 'merge', options: {} },
            g.organize(hide, { 'Value #A': 'up', 'Value #B': 'seconds since last success' }),
          ],
        },
      ],
    ]),
    [common.orgVariable(true)],
  )
