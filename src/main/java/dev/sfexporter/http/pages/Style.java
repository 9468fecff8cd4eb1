package dev.sfexporter.http.pages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The pages' one stylesheet, inline and allowed by its hash in the Content-Security-Policy, so the
 * page needs no second request and no {@code 'unsafe-inline'}. Bar widths are classes ({@code .w0}
 * to {@code .w100}) because a CSP without {@code 'unsafe-inline'} blocks style attributes.
 */
public final class Style {
  static final String CSS = base() + widths();

  /** The policy for the pages and the JSON: nothing but this stylesheet and data: icons. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '"
          + sha256(CSS)
          + "'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private Style() {}

  private static String base() {
    return """
        :root{--bg:#f6f8fa;--fg:#1f2328;--muted:#59636e;--card:#fff;--line:#d1d9e0;\
        --track:#e6eaef;--ok:#1a7f37;--warning:#9a6700;--warning-bar:#d4a72c;--critical:#cf222e;\
        --share:#0969da;--link:#0969da;color-scheme:light dark}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;\
        --card:#161b22;--line:#30363d;--track:#262c36;--ok:#3fb950;--warning:#d29922;\
        --warning-bar:#d29922;--critical:#f85149;--share:#4493f8;--link:#4493f8}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,\
        "Segoe UI",Roboto,sans-serif}
        a{color:var(--link)}
        .top{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;padding:.75rem 1rem;\
        border-bottom:1px solid var(--line);background:var(--card)}
        .top .brand{font-weight:600;font-size:1.05rem;color:var(--fg);text-decoration:none}
        .top nav{margin-left:auto;display:flex;gap:1rem;flex-wrap:wrap}
        .badge{font-size:.75rem;padding:.05rem .45rem;border-radius:1rem;border:1px solid var(--line);\
        color:var(--muted)}
        main{padding:1rem;max-width:110rem;margin:0 auto}
        .summary{margin:.25rem 0 1rem;color:var(--muted)}
        .orgs{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr))}
        .cols{columns:20rem;column-gap:2.5rem}
        .group{break-inside:avoid;padding-bottom:.25rem}
        .card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;\
        min-width:0}
        .card h2{margin:0;font-size:1.2rem;overflow-wrap:anywhere}
        .card h3,.section h2{margin:1rem 0 .4rem;font-size:.8rem;text-transform:uppercase;\
        letter-spacing:.04em;color:var(--muted)}
        .head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
        .meta,.note,.empty{color:var(--muted);font-size:.85rem;margin:.2rem 0}
        .pill{font-size:.75rem;font-weight:600;padding:.1rem .55rem;border-radius:1rem;color:#fff}
        .pill.up{background:var(--ok)}.pill.down{background:var(--critical)}
        .pill.stale{background:var(--warning)}.pill.waiting{background:var(--muted)}
        .problem{border-left:4px solid var(--critical);padding:.4rem .6rem;margin:.6rem 0;\
        background:var(--track);border-radius:.25rem;overflow-wrap:anywhere}
        .problem.stale{border-color:var(--warning)}
        .big{font-size:1.05rem;margin:.2rem 0 .35rem}
        .big strong{font-size:1.35rem}
        ul.meters{list-style:none;margin:0;padding:0;display:grid;gap:.55rem;\
        grid-template-columns:minmax(0,1fr)}
        .wide ul.meters{grid-template-columns:repeat(auto-fill,minmax(min(100%,26rem),1fr));gap:.6rem 2rem}
        .meter .line{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 .75rem;\
        font-size:.9rem}
        .meter .name{overflow-wrap:anywhere;min-width:0;flex:1 1 auto}
        .meter .fig{margin-left:auto;text-align:right;color:var(--muted);font-variant-numeric:tabular-nums}
        .meter .fig b{color:var(--fg)}
        .meter .fig b.warning{color:var(--warning)}.meter .fig b.critical{color:var(--critical)}
        .bar{height:.5rem;background:var(--track);border-radius:.25rem;overflow:hidden;margin-top:.15rem}
        .bar.thick{height:.9rem}
        .fill{height:100%;background:var(--ok)}
        .fill.warning{background:var(--warning-bar)}.fill.critical{background:var(--critical)}
        .fill.share,.fill.unknown{background:var(--share)}
        .section{background:var(--card);border:1px solid var(--line);border-radius:.5rem;\
        padding:0 1rem 1rem;margin-bottom:1rem;min-width:0}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
        dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .sort{font-size:.85rem;margin:.25rem 0 .6rem}
        .sort [aria-current]{font-weight:600;color:var(--fg);text-decoration:none}
        .more{display:inline-block;margin-top:.8rem}
        details{margin-top:.6rem}summary{cursor:pointer}details ul.meters{margin-top:.5rem}
        .vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        footer{color:var(--muted);font-size:.8rem;padding:0 1rem 1.5rem;max-width:110rem;margin:0 auto}
        """;
  }

  private static String widths() {
    StringBuilder css = new StringBuilder();
    for (int i = 0; i <= 100; i++) {
      css.append(".w").append(i).append("{width:").append(i).append("%}");
    }
    return css.append('\n').toString();
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
