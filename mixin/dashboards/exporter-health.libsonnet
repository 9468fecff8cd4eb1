local g = import '../lib/grafana.libsonnet';

function(config)
  local s = 'job=~"$job", instance=~"$instance"';
  g.dashboard(
    'salesforce-exporter-health',
    'Salesforce limits / Exporter health',
    'Is the exporter doing its job: orgs up, why refreshes fail, data age, and what it costs in Salesforce API calls.',
    ['exporter'],
    config.exporterSelector,
    g.layout([
      [
        g.panel('state-timeline', 'Org up', "1 when the exporter's latest /limits refresh of the org succeeded, 0 when it failed.", 'none', [
          g.target('salesforce_up{%s}' % s, '{{org}}'),
        ], 24, 6),
      ],
      [
        g.panel('timeseries', 'Refresh failures by reason', 'Failed /limits refreshes per second, by org and reason (auth, session, request_limit_exceeded, http_4xx, http_5xx, timeout, network, invalid_response).', 'reqps', [
          g.target('sum by (org, reason) (rate(salesforce_refresh_failures_total{%s}[$__rate_interval]))' % s, '{{org}} {{reason}}'),
        ], 12, 8),
        g.panel('timeseries', 'Age of the limit values', "Time since each org's last successful refresh. The SalesforceLimitsStale alert fires past %d minutes." % (config.staleAfterSeconds / 60), 's', [
          g.target('time() - salesforce_last_refresh_timestamp_seconds{%s}' % s, '{{org}}'),
        ], 12, 8),
      ],
      [
        g.panel('timeseries', 'Refresh duration', "Wall time of each org's latest /limits refresh attempt, authentication included.", 's', [
          g.target('salesforce_refresh_duration_seconds{%s}' % s, '{{org}}'),
        ], 12, 8),
        g.panel('timeseries', "Exporter's Salesforce API calls per day", "The exporter's own cost: Salesforce calls it makes per day at the current rate, by org and endpoint (limits, token, versions).", 'short', [
          g.target('sum by (org, endpoint) (rate(salesforce_exporter_api_requests_total{%s}[$__rate_interval])) * 86400' % s, '{{org}} {{endpoint}}'),
        ], 12, 8),
      ],
      [
        g.panel('timeseries', 'Failed Salesforce calls', 'Calls that failed (transport error, non-2xx answer, unparseable body), per second, by org and endpoint.', 'reqps', [
          g.target('sum by (org, endpoint) (rate(salesforce_exporter_api_request_failures_total{%s}[$__rate_interval]))' % s, '{{org}} {{endpoint}}'),
        ], 8, 7),
        g.panel('timeseries', 'JVM heap used', "Heap memory the exporter's JVM uses.", 'bytes', [
          g.target('sum by (instance) (jvm_memory_used_bytes{%s, area="heap"})' % s, '{{instance}}'),
        ], 8, 7),
        g.panel('table', 'Exporter versions', 'The version of each exporter.', 'none', [
          g.target('salesforce_exporter_build_info{%s}' % s, instant=true, format='table'),
        ], 8, 7) { transformations: [g.organize(['Time', '__name__', 'Value'])] },
      ],
    ]),
  )
