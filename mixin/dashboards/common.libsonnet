// Queries and panels shared by the overview and the org detail dashboards.
local g = import '../lib/grafana.libsonnet';

{
  orgVariable(multi):: g.variable('org', 'Org', 'label_values(salesforce_up{job=~"$job", instance=~"$instance"}, org)', multi),

  // Per org: salesforce_up, or 0 for an org whose own target (one target per org) Prometheus
  // cannot scrape; its salesforce_up is gone then, and the org would otherwise drop out unseen.
  orgUp(sel):: 'salesforce_up{%(sel)s} or on (job, instance, org) (up{%(sel)s, org!=""} == 0)' % { sel: sel },

  // DailyApiRequests remaining divided by the net consumption per second of the last hour;
  // capped at a day (a rolling 24-hour limit that lasts a day at this pace does not run out),
  // never negative.
  timeToExhaustion(sel):: |||
    clamp_min(clamp_max(
      salesforce_limit_remaining{%(sel)s, limit="DailyApiRequests"}
        / clamp_min(-deriv(salesforce_limit_remaining{%(sel)s, limit="DailyApiRequests"}[1h]), 0),
      86400), 0)
  ||| % { sel: sel },

  timeThresholds:: {
    mode: 'absolute',
    steps: [
      { color: 'red', value: null },
      { color: 'yellow', value: 4 * 3600 },
      { color: 'green', value: 12 * 3600 },
    ],
  },

  // The limits table: usage, the thresholds in force, and a state cell coloured by them.
  limitsTable(title, description, sel, width, height, orgLink)::
    local usage = 'org_limit:salesforce_limit_used_per_max:ratio{%s}' % sel;
    local threshold(severity) = 'org_limit_severity:salesforce_limit_usage_threshold:effective{%s, severity="%s"}' % [sel, severity];
    g.panel('table', title, description, 'percentunit', [
      g.target('sort_desc(%s)' % usage, instant=true, format='table'),
      g.target('max without (severity) (%s)' % threshold('warning'), instant=true, format='table'),
      g.target('max without (severity) (%s)' % threshold('critical'), instant=true, format='table'),
      g.target(|||
        (%(usage)s > bool ignoring (severity) %(warning)s)
          + (%(usage)s > bool ignoring (severity) %(critical)s)
      ||| % { usage: usage, warning: threshold('warning'), critical: threshold('critical') }, instant=true, format='table'),
    ], width, height) {
      fieldConfig+: {
        overrides: [
          {
            matcher: { id: 'byName', options: 'state' },
            properties: [
              { id: 'unit', value: 'none' },
              { id: 'custom.cellOptions', value: { type: 'color-background' } },
              {
                id: 'mappings',
                value: [{
                  type: 'value',
                  options: {
                    '0': { text: 'OK', color: 'green', index: 0 },
                    '1': { text: 'over warning', color: 'yellow', index: 1 },
                    '2': { text: 'over critical', color: 'red', index: 2 },
                  },
                }],
              },
            ],
          },
          {
            matcher: { id: 'byName', options: 'used' },
            // A neutral bar: the thresholds differ per row, the state cell shows them.
            properties: [
              { id: 'custom.cellOptions', value: { type: 'gauge', mode: 'basic' } },
              { id: 'color', value: { mode: 'fixed', fixedColor: 'blue' } },
              { id: 'max', value: 1 },
              { id: 'min', value: 0 },
            ],
          },
        ] + (if orgLink then [{
               matcher: { id: 'byName', options: 'org' },
               properties: [{
                 id: 'links',
                 value: [{
                   title: 'Open ${__data.fields.org} in Org detail',
                   url: '/d/salesforce-org/salesforce-limits-org-detail?var-org=${__data.fields.org}&${datasource:queryparam}&${job:queryparam}&${instance:queryparam}&${__url_time_range}',
                 }],
               }],
             }] else []),
      },
      options: { showHeader: true, sortBy: [{ displayName: 'used', desc: true }] },
      transformations: [
        { id: 'merge', options: {} },
        g.organize(['Time', 'job', 'instance', '__name__'] + (if orgLink then [] else ['org']), {
          'Value #A': 'used',
          'Value #B': 'warning at',
          'Value #C': 'critical at',
          'Value #D': 'state',
        }),
        { id: 'sortBy', options: { sort: [{ field: 'used', desc: true }] } },
      ],
    },
}
