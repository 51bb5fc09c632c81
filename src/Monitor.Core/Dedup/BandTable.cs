using System.Numerics;
using System.Runtime.CompilerServices;

namespace Monitor.Core.Dedup;

/// <summary>
/// The LSH band keys of a <see cref="NearDuplicateIndex{TKey}"/>, every band in one table: 64-bit key to a 32-bit
/// value, open addressing with linear probing over a power-of-two array kept at most 3/4 full. Twelve bytes an entry
/// where a <see cref="Dictionary{TKey, TValue}"/> per band needs about 28, and one probe sequence over adjacent memory
/// instead of a bucket chain: an index adds 64 keys per item and looks 64 up per query. Key 0 marks an empty slot, so
/// a real 0 is stored as 1: at worst two band keys share a bucket, which only adds a candidate that the exact check
/// then rejects. Not thread-safe.
/// </summary>
internal sealed class BandTable
{
    private ulong[] _keys;
    private int[] _values;
    private int _count;
    private int _mask;

    public BandTable(int capacity = 0)
    {
        int size = SizeFor(capacity);
        _keys = new ulong[size];
        _values = new int[size];
        _mask = size - 1;
    }

    public int Count => _count;

    /// <summary>Room for <paramref name="capacity"/> keys in all without growing.</summary>
    public void EnsureCapacity(int capacity)
    {
        int size = SizeFor(capacity);
        if (size > _keys.Length)
        {
            Resize(size);
        }
    }

    public bool TryGetValue(ulong key, out int value)
    {
        key = key == 0 ? 1 : key;
        for (int i = Slot(key); ; i = (i + 1) & _mask)
        {
            ulong found = _keys[i];
            if (found == key)
            {
                value = _values[i];
                return true;
            }

            if (found == 0)
            {
                value = 0;
                return false;
            }
        }
    }

    /// <summary>The value stored under <paramref name="key"/>, added as 0 (with <paramref name="exists"/> false) when absent.</summary>
    public ref int GetValueRefOrAddDefault(ulong key, out bool exists)
    {
        key = key == 0 ? 1 : key;
        if ((_count + 1) * 4 > _keys.Length * 3)
        {
            Resize(_keys.Length * 2);
        }

        int i = Slot(key);
        while (true)
        {
            ulong found = _keys[i];
            if (found == key)
            {
                exists = true;
                return ref _values[i];
            }

            if (found == 0)
            {
                _keys[i] = key;
                _values[i] = 0;
                _count++;
                exists = false;
                return ref _values[i];
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>The smallest power of two that holds <paramref name="capacity"/> keys at most 3/4 full (at least 16).</summary>
    private static int SizeFor(int capacity) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, (int)Math.Min(int.MaxValue / 2, (long)capacity * 4 / 3 + 1)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 32) & _mask;

    private void Resize(int size)
    {
        var keys = _keys;
        var values = _values;
        _keys = new ulong[size];
        _values = new int[size];
        _mask = size - 1;
        for (int j = 0; j < keys.Length; j++)
        {
            if (keys[j] == 0)
            {
                continue;
            }

            int i = Slot(keys[j]);
            while (_keys[i] != 0)
            {
                i = (i + 1) & _mask;
            }

            _keys[i] = keys[j];
            _values[i] = values[j];
        }
    }
}
