using System.Net;

namespace Monitor.Tests.Rendering;

/// <summary>
/// A page that shows another page in an iframe of an exact viewport size at the top left (the iframe is its own
/// viewport: media queries, <c>innerWidth</c> and layout follow its width), optionally with a probe script that measures
/// the framed page after it loaded and writes the JSON result into <c>&lt;pre id="probe-result"&gt;</c>.
/// </summary>
public static class ViewportPage
{
    /// <summary>Measures the framed page; runs in the host page, reads the srcdoc (same-origin) frame.</summary>
    private const string Probe = """
        <script>
        document.getElementById('framed').addEventListener('load', function () {
          var w = this.contentWindow, d = this.contentDocument;
          var links = Array.prototype.map.call(d.querySelectorAll('.headline a[href]'), function (a) { return a.getAttribute('href'); });
          var wide = Array.prototype.filter.call(d.querySelectorAll('body *'), function (e) {
            return e.getBoundingClientRect().right > w.innerWidth + 0.5;
          }).slice(0, 10).map(function (e) { return e.tagName + '.' + e.className; });
          var result = {
            innerWidth: w.innerWidth,
            scrollWidth: d.documentElement.scrollWidth,
            height: d.documentElement.scrollHeight,
            headlines: d.querySelectorAll('.headline').length,
            links: links,
            overflowing: wide,
            dark: w.matchMedia('(prefers-color-scheme: dark)').matches
          };
          var pre = document.createElement('pre');
          pre.id = 'probe-result';
          pre.textContent = JSON.stringify(result);
          document.body.appendChild(pre);
        });
        </script>
        """;

    public static string Create(string framedHtml, int width, int height, bool probe) =>
        $"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><style>html, body {"{"} margin: 0; padding: 0; overflow: hidden; {"}"}</style></head>
        <body><iframe id="framed" style="display: block; border: 0; width: {width}px; height: {height}px;" srcdoc="{WebUtility.HtmlEncode(framedHtml)}"></iframe>
        {(probe ? Probe : string.Empty)}</body></html>
        """;
}
