using System.Numerics;
using Monitor.Core.Dedup;

namespace Monitor.Core.Tests.Dedup;

/// <summary><see cref="IntLists"/> behaves as many <see cref="List{T}"/>s, however they interleave and grow.</summary>
[Trait("Category", "Unit")]
public sealed class IntListsTests
{
    [Fact]
    public void Given_many_lists_grown_in_random_interleaving_when_read_then_each_holds_its_values_in_order()
    {
        var random = new Random(23);
        var lists = new IntLists();
        var expected = new List<List<int>>();
        for (int step = 0; step < 200_000; step++)
        {
            // Mostly appends to existing lists (small and large ones), sometimes a new list: runs move, some grow in place.
            if (expected.Count == 0 || random.Next(10) == 0)
            {
                int value = random.Next();
                Assert.Equal(expected.Count, lists.Create(value));
                expected.Add([value]);
            }
            else
            {
                int list = random.Next(3) == 0 ? expected.Count - 1 : random.Next(expected.Count);
                int value = random.Next();
                lists.Add(list, value);
                expected[list].Add(value);
            }
        }

        Assert.Equal(expected.Count, lists.Count);
        Assert.Equal(expected.Sum(l => (long)l.Count), lists.Total);

        // Runs left behind are given to later lists: the array holds the lists' room (at most twice their length, at
        // least four) and little else.
        long room = expected.Sum(l => (long)Math.Max(4, (int)BitOperations.RoundUpToPowerOf2((uint)l.Count)));
        Assert.InRange(lists.Used, lists.Total, room + (room / 4));
        for (int list = 0; list < expected.Count; list++)
        {
            Assert.Equal(expected[list], lists[list].ToArray());
        }
    }

    [Fact]
    public void Given_one_list_when_it_grows_alone_then_it_keeps_every_value_in_order()
    {
        var lists = new IntLists();
        int list = lists.Create(0);
        for (int i = 1; i < 10_000; i++)
        {
            lists.Add(list, i);
        }

        Assert.Equal(Enumerable.Range(0, 10_000), lists[list].ToArray());
    }
}
