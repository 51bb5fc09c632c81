using System.Globalization;
using Fluid;
using Monitor.Digests.Highlighting;
using Monitor.Digests.Rendering;

namespace Monitor.Digests;

/// <summary>
/// Renders a digest with the Liquid templates (<see cref="DigestTemplates"/>): HTML (inline CSS, no remote content,
/// readable on phones, highlighted matches) and plain text with the same content.
/// </summary>
public sealed class DigestRenderer(DigestTemplates templates, TermHighlighter highlighter)
{
    private static readonly TemplateOptions s_options = CreateOptions();

    /// <summary>The shipped templates and the matcher's default regex timeout (tests, tools).</summary>
    public DigestRenderer()
        : this(new DigestTemplates(null), new TermHighlighter())
    {
    }

    public DigestTemplates Templates => templates;

    /// <summary>Finds matched terms in snippets and titles (the matcher's semantics and regex timeout).</summary>
    public TermHighlighter Highlighter => highlighter;

    /// <exception cref="DigestTemplateException">The template is missing, has a syntax error or fails to render.</exception>
    public string RenderHtml(Digest digest, DigestLinks? links = null) =>
        Render(DigestTemplates.Html, DigestViewFactory.Create(digest, links ?? DigestLinks.None, highlighter, html: true), digest);

    /// <exception cref="DigestTemplateException">The template is missing, has a syntax error or fails to render.</exception>
    public string RenderText(Digest digest, DigestLinks? links = null) =>
        Render(DigestTemplates.Text, DigestViewFactory.Create(digest, links ?? DigestLinks.None, highlighter, html: false), digest);

    public static string LocalDate(DateTimeOffset date, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(date, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private string Render(string name, DigestView view, Digest digest)
    {
        var template = templates.Get(name);
        var context = new TemplateContext(view, s_options)
        {
            TimeZone = digest.TimeZone,
            Now = () => digest.CreatedAt,
        };
        try
        {
            // Values are escaped by the view (HTML) or plain (text): the template engine adds no encoding of its own.
            return template.Render(context, NullEncoder.Default);
        }
        catch (Exception ex) when (ex is not DigestTemplateException and not OutOfMemoryException)
        {
            throw new DigestTemplateException($"template {templates.PathOf(name)}: rendering failed: {ex.Message.Split('\n')[0]}", ex);
        }
    }

    internal static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { CultureInfo = CultureInfo.InvariantCulture };
        TemplateMembers.Register(options.MemberAccessStrategy);
        return options;
    }
}
