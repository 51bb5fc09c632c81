using System.Reflection;
using Fluid;
using Monitor.Digests;
using Monitor.Digests.Rendering;

namespace Monitor.Tests.Digests.Rendering;

/// <summary>
/// The digest views' members are registered by hand (typed delegates, for the native build): every public property of
/// every view must be readable by its snake_case name, as Fluid's reflection registration named them, with its value.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TemplateMembersTests
{
    private static readonly TopicMatchView Match = new("model-releases", "DeepSeek V4", "DeepSeek");
    private static readonly StoryView Story = new("DeepSeek V4", "https://lab.example/v4", "Lab, Wire", 2, "2026-11-30 08:00", "<mark>DeepSeek</mark> V4", "DeepSeek V4", "why", [Match]);
    private static readonly SectionView Section = new("model-releases", "Model releases", 3, [Story], [Story], 1);
    private static readonly FailingFeedView Failing = new("Lab", "HTTP 503", 4, "2026-11-29");
    private static readonly DigestView Digest = new("Subject", "Headline", "Summary", "Pre", "a@b.example", "Ana", "Europe/Berlin", "2026-11-30 08:00", 7, [Section], "https://u.example", "mailto:u@b.example", [Failing]);

    public static TheoryData<object> Views => new() { Digest, Section, Story, Match, Failing };

    [Theory]
    [MemberData(nameof(Views))]
    public void Given_a_view_when_each_property_is_read_by_its_snake_case_name_then_the_template_gets_its_value(object view)
    {
        var options = DigestRenderer.CreateOptions();
        var context = new TemplateContext(options);
        var properties = view.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract").ToList();

        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var name = MemberNameStrategies.SnakeCase(property);
            var accessor = options.MemberAccessStrategy.GetAccessor(view.GetType(), name);
            Assert.True(accessor is not null, $"{view.GetType().Name}.{property.Name} is not readable as '{name}' (add it to TemplateMembers)");
            Assert.Equal(property.GetValue(view), accessor.Get(view, name, context));
        }
    }

    [Fact]
    public void Given_the_shipped_templates_when_a_digest_is_rendered_then_numbers_and_nested_lists_come_through()
    {
        var options = DigestRenderer.CreateOptions();
        var template = new FluidParser().Parse("{{ story_count }}|{% for s in sections %}{{ s.count }}:{% for t in s.stories %}{{ t.source_count }} {{ t.title }}{% for m in t.matches %} [{{ m.in_title }}]{% endfor %}{% endfor %}{% endfor %}|{{ failing_feeds[0].failures }}");

        var text = template.Render(new TemplateContext(Digest, options));

        Assert.Equal("7|3:2 DeepSeek V4 [DeepSeek]|4", text);
    }
}
