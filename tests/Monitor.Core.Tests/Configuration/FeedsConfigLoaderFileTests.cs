using Monitor.Core.Configuration;

namespace Monitor.Core.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class FeedsConfigLoaderFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "monitor-config-" + Guid.NewGuid().ToString("N"));

    public FeedsConfigLoaderFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Given_a_missing_file_When_loaded_Then_one_problem_names_the_full_path()
    {
        var path = Path.Combine(_directory, "feeds.json");

        var result = FeedsConfigLoader.LoadFile(path);

        Assert.Null(result.Config);
        Assert.Equal($"feeds.json: $: file not found: {path}", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Given_a_valid_file_When_loaded_Then_relative_feed_paths_resolve_against_its_folder()
    {
        var path = Path.Combine(_directory, "feeds.json");
        File.WriteAllText(path, """{ "feeds": [ { "id": "local", "url": "samples/feed.xml" } ] }""");

        var result = FeedsConfigLoader.LoadFile(path);

        Assert.True(result.IsValid);
        Assert.Equal(Path.Combine(_directory, "samples", "feed.xml"), Assert.Single(result.Config!.Feeds).Url.LocalPath);
    }

    [Fact]
    public void Given_a_file_with_problems_When_loaded_Then_messages_use_the_file_name_only()
    {
        var path = Path.Combine(_directory, "team-feeds.json");
        File.WriteAllText(path, """{ "feeds": [ { "id": "a" } ] }""");

        var result = FeedsConfigLoader.LoadFile(path);

        Assert.Equal("team-feeds.json: $.feeds[0]: missing required property 'url'", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Given_a_file_with_a_byte_order_mark_When_loaded_Then_it_parses()
    {
        var path = Path.Combine(_directory, "feeds.json");
        File.WriteAllText(path, "{ \"feeds\": [] }", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.True(FeedsConfigLoader.LoadFile(path).IsValid);
    }

    [Fact]
    public void Given_a_file_locked_by_another_handle_When_loaded_Then_the_io_message_is_a_problem()
    {
        var path = Path.Combine(_directory, "feeds.json");
        File.WriteAllText(path, "{}");
        using var lockHandle = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var result = FeedsConfigLoader.LoadFile(path);

        Assert.Null(result.Config);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("feeds.json", problem.File);
        Assert.Equal("$", problem.Path);
        Assert.StartsWith($"cannot read {path}: ", problem.Message, StringComparison.Ordinal);
    }
}
