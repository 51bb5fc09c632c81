namespace Monitor.Core.Dedup;

/// <summary>
/// Many small growing lists of ints in one array: a list is a run of the array (offset, count, capacity), moved to the
/// end with twice the room when it fills up (the run it leaves is not reused). No object per list: an index of tens of
/// thousands of items holds hundreds of thousands of these lists, and as <see cref="List{T}"/>s they were that many
/// objects for the garbage collector to mark, copy and find through card tables on every collection while they grew.
/// Reading a list is one contiguous span, as with a <see cref="List{T}"/>. Not thread-safe.
/// </summary>
public sealed class IntLists
{
    private const int InitialCapacity = 4;

    private int[] _items = [];
    private int _used;
    private Run[] _runs = [];

    /// <summary>How many lists there are (numbered from 0 in the order they were created).</summary>
    public int Count { get; private set; }

    /// <summary>Ints held in all (moved runs not counted).</summary>
    public long Total { get; private set; }

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
                Reserve(run.Capacity);
            }
            else
            {
                int offset = Reserve(run.Capacity * 2);
                _items.AsSpan(run.Offset, run.Count).CopyTo(_items.AsSpan(offset));
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

    /// <summary>Appends room for <paramref name="length"/> ints; returns where it starts.</summary>
    private int Reserve(int length)
    {
        if (_items.Length - _used < length)
        {
            Array.Resize(ref _items, Math.Max(_used + length, Math.Max(256, _items.Length * 2)));
        }

        int offset = _used;
        _used += length;
        return offset;
    }

    private struct Run(int offset, int count, int capacity)
    {
        public int Offset = offset;
        public int Count = count;
        public int Capacity = capacity;
    }
}
