using Monitor.Core.Dedup;

namespace Monitor.Core.Tests.Dedup;

/// <summary><see cref="BandTable"/> behaves as a dictionary of 64-bit keys, whatever the keys and however it grows.</summary>
[Trait("Category", "Unit")]
public sealed class BandTableTests
{
    [Theory]
    [InlineData(0, 20_000)]
    [InlineData(50_000, 20_000)]
    public void Given_random_and_colliding_keys_when_added_and_looked_up_then_it_answers_as_a_dictionary(int capacity, int count)
    {
        var random = new Random(17);
        var table = new BandTable(capacity);
        var expected = new Dictionary<ulong, int>();
        for (int i = 0; i < count; i++)
        {
            // Random keys, small keys (0 and 1 among them) and keys equal in their high bits (one slot, long probe runs).
            ulong key = (i % 3) switch
            {
                0 => (ulong)random.NextInt64(),
                1 => (ulong)random.Next(2, 64),
                _ => (ulong)random.Next(0, 1 << 16) << 48,
            };
            ref int value = ref table.GetValueRefOrAddDefault(key, out bool exists);
            Assert.Equal(expected.ContainsKey(key), exists);
            value += i + 1;
            expected[key] = expected.GetValueOrDefault(key) + i + 1;
        }

        Assert.Equal(expected.Count, table.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(table.TryGetValue(key, out int found));
            Assert.Equal(value, found);
        }

        Assert.False(table.TryGetValue(0xDEAD_BEEF_0000_0001UL, out _));
    }

    [Fact]
    public void Given_keys_0_and_1_when_added_then_they_share_one_entry_as_documented()
    {
        var table = new BandTable();

        table.GetValueRefOrAddDefault(0, out bool zeroExisted) = 5;
        ref int one = ref table.GetValueRefOrAddDefault(1, out bool oneExisted);

        Assert.False(zeroExisted);
        Assert.True(oneExisted);
        Assert.Equal(5, one);
    }
}
