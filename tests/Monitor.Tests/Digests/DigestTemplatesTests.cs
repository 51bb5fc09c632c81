using Monitor.Digests;
using Monitor.Digests.Rendering;
using static Monitor.Tests.Digests.DigestFixtures;

namespace Monitor.Tests.Digests;

/// <summary><see cref="DigestTemplates"/>: shipped defaults, a user folder overriding either file, reload on change, clear syntax errors.</summary>
[Trait("Category", "Unit")]
public sealed class DigestTemplatesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("monitor-templates-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Given_the_shipped_templates_when_resolved_then_both_are_next_to_the_binary_and_parse()
    {
        var templates = new DigestTemplates(null);

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "Templates", DigestTemplates.Html), templates.PathOf(DigestTemplates.Html));
        Assert.NotNull(templates.Get(DigestTemplates.Html));
        Assert.NotNull(templates.Get(DigestTemplates.Text));
    }

    [Fact]
    public void Given_a_user_folder_with_only_a_text_template_when_rendering_then_text_comes_from_it_and_html_from_the_default()
    {
        File.WriteAllText(Path.Combine(_dir, DigestTemplates.Text), "{{ story_count }} for {{ email }}:{% for s in sections %}{% for t in s.stories %} [{{ t.title }}]{% endfor %}{% endfor %}");
        var renderer = new DigestRenderer(new DigestTemplates(_dir), new Monitor.Digests.Highlighting.TermHighlighter());
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek <V4> & more", "https://wire.example/v4", Now, "models")]);

        Assert.Equal("1 for analyst@test.local: [DeepSeek <V4> & more]", renderer.RenderText(digest));
        Assert.Contains(">DeepSeek &lt;V4&gt; &amp; more</a>", renderer.RenderHtml(digest), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_user_template_when_its_file_changes_then_the_next_render_uses_the_new_version()
    {
        var path = Path.Combine(_dir, DigestTemplates.Text);
        File.WriteAllText(path, "first {{ story_count }}");
        var renderer = new DigestRenderer(new DigestTemplates(_dir), new Monitor.Digests.Highlighting.TermHighlighter());
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek V4", "https://wire.example/v4", Now, "models")]);
        Assert.Equal("first 1", renderer.RenderText(digest));
        var cached = renderer.Templates.Get(DigestTemplates.Text);
        Assert.Same(cached, renderer.Templates.Get(DigestTemplates.Text)); // parsed once while unchanged

        File.WriteAllText(path, "second version {{ story_count }}");
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(2));

        Assert.Equal("second version 1", renderer.RenderText(digest));
    }

    [Fact]
    public void Given_a_template_with_a_syntax_error_when_rendering_then_one_line_names_the_file_and_the_line()
    {
        var path = Path.Combine(_dir, DigestTemplates.Html);
        File.WriteAllText(path, "<html>\n<body>\n{% for s in sections %}\n<p>{{ s.title }}</p>\n</body>");
        var renderer = new DigestRenderer(new DigestTemplates(_dir), new Monitor.Digests.Highlighting.TermHighlighter());
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek V4", "https://wire.example/v4", Now, "models")]);

        var error = Assert.Throws<DigestTemplateException>(() => renderer.RenderHtml(digest));

        Assert.StartsWith($"template {path}, line 5: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("endfor", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Given_no_template_anywhere_when_rendering_then_the_error_says_where_it_looked()
    {
        var renderer = new DigestRenderer(new DigestTemplates(_dir, defaultDir: Path.Combine(_dir, "missing")), new Monitor.Digests.Highlighting.TermHighlighter());
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek V4", "https://wire.example/v4", Now, "models")]);

        var error = Assert.Throws<DigestTemplateException>(() => renderer.RenderText(digest));

        Assert.Equal($"template {DigestTemplates.Text} not found (looked in {_dir} and {Path.Combine(_dir, "missing")})", error.Message);
    }
}
