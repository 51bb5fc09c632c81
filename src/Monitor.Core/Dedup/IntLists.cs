using System.Numerics;

namespace Monitor.Core.Dedup;

/// <summary>
/// Many small growing lists of ints in one array: a list is a run of the array (offset, count, capacity), moved to a
/// run of twice the room when it fills up; the run it leaves goes to a free list of its size and is given to the next
/// list that needs that much (capacities are powers of two), so the array holds little more than the lists. No object
/// per list: an index of tens of thousands of items holds hundreds of thousands of these lists, and as
/// <see cref="List{T}"/>s they were that many objects for the garbage collector to mark, copy and find through card
/// tables on every collection while they grew. Reading a list is one contiguous span, as with a <see cref="List{T}"/>.
/// Not thread-safe.
/// </summary>
public sealed class IntLists
{
    private const int InitialCapacity = 4;

    private int[] _items = [];
    private int _used;
    private Run[] _runs = [];

    /// <summary>Per power of two, the first free run of that size (-1: none); a free run's first int links to the next.</summary>
    private readonly int[] _free = [.. Enumerable.Repeat(-1, 32)];

    /// <summary>How many lists there are (numbered from 0 in the order they were created).</summary>
    public int Count { get; private set; }

    /// <summary>Ints held in all.</summary>
    public long Total { get; private set; }

    /// <summary>Ints of the array in use: the lists' runs, room included, and the free runs.</summary>
    internal int Used => _used;

    /// <summary>A new list holding <paramref name="first"/>; returns its number.</summary>
    public int Create(int first)
    {
        if (Count == _runs.Length)
        {
            Array.Resize(ref _runs, Math.Max(64, _runs.Length * 2));
        }

        int list = Count++;
        _runs[list] = new Run(Reserve(InitialCapacity), 0, InitialCapacity);
        Add(list, first);
        return list;
    }

    public void Add(int list, int value)
    {
        ref Run run = ref _runs[list];
        if (run.Count == run.Capacity)
        {
            if (run.Offset + run.Capacity == _used)
            {
                // The last run in the array grows where it is.
                Append(run.Capacity);
            }
            else
            {
                int offset = Reserve(run.Capacity * 2);
                _items.AsSpan(run.Offset, run.Count).CopyTo(_items.AsSpan(offset));
                Release(run.Offset, run.Capacity);
                run.Offset = offset;
            }

            run.Capacity *= 2;
        }

        _items[run.Offset + run.Count++] = value;
        Total++;
    }

    public ReadOnlySpan<int> this[int list]
    {
        get
        {
            var run = _runs[list];
            return _items.AsSpan(run.Offset, run.Count);
        }
    }

    /// <summary>A run of <paramref name="length"/> ints (a power of two): a free one of that size, else appended; returns where it starts.</summary>
    private int Reserve(int length)
    {
        int size = BitOperations.Log2((uint)length);
        int free = _free[size];
        if (free >= 0)
        {
            _free[size] = _items[free];
            return free;
        }

        return Append(length);
    }

    /// <summary>Room for <paramref name="length"/> more ints at the end of the array; returns where it starts.</summary>
    private int Append(int length)
    {
        if (_items.Length - _used < length)
        {
            // Half as much again, not twice: the array is most of the memory these lists take.
            Array.Resize(ref _items, Math.Max(_used + length, Math.Max(256, _items.Length + (_items.Length / 2))));
        }

        int offset = _used;
        _used += length;
        return offset;
    }

    private void Release(int offset, int length)
    {
        int size = BitOperations.Log2((uint)length);
        _items[offset] = _free[size];
        _free[size] = offset;
    }

    private struct Run(int offset, int count, int capacity)
    {
        public int Offset = offset;
        public int Count = count;
        public int Capacity = capacity;
    }
}
