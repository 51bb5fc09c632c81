namespace Monitor.Core.Dedup;

/// <summary>
/// The shingles of one signature being collected: stable 64-bit hashes with integer weights, in the order they were
/// added until <see cref="MakeDistinct"/> keeps each once with its largest weight. Reused from one signature to the next
/// (see <see cref="NearDuplicateSignature"/>): it allocates only for a text with more shingles than any before.
/// </summary>
internal sealed class WeightedShingles
{
    private const int InitialCapacity = 64;

    /// <summary>Buffers grown beyond this (for a text of thousands of words) are dropped by <see cref="Clear"/> rather than kept.</summary>
    private const int RetainedCapacity = 4096;

    private ulong[] _shingles = new ulong[InitialCapacity];
    private int[] _weights = new int[InitialCapacity];
    private int _count;

    public int Count => _count;

    public ReadOnlySpan<ulong> Shingles => _shingles.AsSpan(0, _count);

    public ReadOnlySpan<int> Weights => _weights.AsSpan(0, _count);

    public void Add(ulong shingle, int weight)
    {
        if (_count == _shingles.Length)
        {
            Array.Resize(ref _shingles, _count * 2);
            Array.Resize(ref _weights, _count * 2);
        }

        _shingles[_count] = shingle;
        _weights[_count] = weight;
        _count++;
    }

    /// <summary>Removes the shingles added since there were <paramref name="count"/>.</summary>
    public void RemoveFrom(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _count);
        _count = count;
    }

    /// <summary>Sorts the shingles and keeps each once, with the largest of its weights; returns the sum of the weights kept.</summary>
    public long MakeDistinct()
    {
        var shingles = _shingles.AsSpan(0, _count);
        var weights = _weights.AsSpan(0, _count);
        shingles.Sort(weights);
        int distinct = 0;
        for (int i = 0; i < shingles.Length; i++)
        {
            if (distinct > 0 && shingles[distinct - 1] == shingles[i])
            {
                weights[distinct - 1] = Math.Max(weights[distinct - 1], weights[i]);
            }
            else
            {
                shingles[distinct] = shingles[i];
                weights[distinct] = weights[i];
                distinct++;
            }
        }

        _count = distinct;
        long sum = 0;
        foreach (int weight in weights[..distinct])
        {
            sum += weight;
        }

        return sum;
    }

    public void Clear()
    {
        _count = 0;
        if (_shingles.Length > RetainedCapacity)
        {
            _shingles = new ulong[InitialCapacity];
            _weights = new int[InitialCapacity];
        }
    }
}
