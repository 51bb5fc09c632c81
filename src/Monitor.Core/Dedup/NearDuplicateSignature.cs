using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Monitor.Core.Text;

namespace Monitor.Core.Dedup;

/// <summary>
/// What an item's title and lead say, in a form that can be compared with other items' and stored: a MinHash
/// signature of its weighted shingles plus the hashes of its identifiers (numbers such as "4.5" or "100", model-variant
/// words such as "mini" or "flash"). Two items whose signatures are similar tell the same story, however each outlet
/// worded its headline (see <see cref="NearDuplicates"/>). Immutable; compares by value; stored as
/// <see cref="ToBytes"/> (about 530 bytes) or <see cref="ToString"/> (Base64) and read back with
/// <see cref="FromBytes"/> / <see cref="Parse"/>.
/// </summary>
public sealed class NearDuplicateSignature : IEquatable<NearDuplicateSignature>
{
    /// <summary>
    /// The first byte of <see cref="ToBytes"/>: which shingling, hashing and identifiers made the signature. Signatures
    /// of other versions are refused by <see cref="FromBytes"/>: recompute them from the stored title and lead.
    /// </summary>
    public const byte FormatVersion = 1;

    /// <summary>
    /// The least shingle weight two items must share to be one story, whatever their similarity: three words (or one
    /// word with digits), so that "DeepSeek morning note" and "DeepSeek evening note" are not one story for sharing
    /// two of three words.
    /// </summary>
    internal const double MinSharedWeight = 3;

    private const int MaxTitleIdentifiers = 16;
    private const int MaxTextIdentifiers = 64;

    /// <summary>What an identifier's hash is of: '#' and the number ("#4.5"), '@' and the variant word ("@flash").</summary>
    private const char NumberKey = '#', VariantKey = '@';

    private readonly int _weight;
    private readonly uint[] _slots;
    private readonly uint[] _titleNumbers;
    private readonly uint[] _titleVariants;
    private readonly uint[] _textIdentifiers;

    private NearDuplicateSignature(int weight, uint[] slots, uint[] titleNumbers, uint[] titleVariants, uint[] textIdentifiers)
    {
        _weight = weight;
        _slots = slots;
        _titleNumbers = titleNumbers;
        _titleVariants = titleVariants;
        _textIdentifiers = textIdentifiers;
    }

    /// <summary>The signature of a text without words: similar to nothing, itself included.</summary>
    public static NearDuplicateSignature Empty { get; } = new(0, [], [], [], []);

    /// <summary>True when the title and lead had no words left after normalization and stop words.</summary>
    public bool IsEmpty => _slots.Length == 0;

    /// <summary>The signature of <paramref name="title"/> and the start of <paramref name="lead"/> (plain text, e.g. the item's summary; null or empty when there is none).</summary>
    public static NearDuplicateSignature Compute(string title, string? lead) => Compute(title, lead, ShingleSettings.Default);

    /// <remarks>
    /// Called for every matched item while feeds are polled, from many threads: it allocates the signature and little
    /// else (strings are hashed where they lie, buffers are per thread, see <see cref="Scratch"/>).
    /// </remarks>
    internal static NearDuplicateSignature Compute(string title, string? lead, ShingleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(settings);
        var scratch = Scratch.ForThisThread();
        var shingles = scratch.Shingles;
        var hashes = scratch.Identifiers;
        var text = new PooledCharBuilder(scratch.Text);
        try
        {
            // The title: its shingles and its identifiers.
            Shingler.Normalize(title, ref text);
            Shingler.AddTitleShingles(text.AsSpan(), settings, shingles);
            Shingler.AddNumbers(title, NumberKey, hashes);
            uint[] titleNumbers = SmallestDistinct(hashes, MaxTitleIdentifiers).ToArray();
            hashes.Clear();
            Shingler.AddVariants(text.AsSpan(), VariantKey, hashes);
            uint[] titleVariants = SmallestDistinct(hashes, MaxTitleIdentifiers).ToArray();
            hashes.Clear();

            // The lead: the identifiers of its start, and its first shingles.
            if (!string.IsNullOrEmpty(lead))
            {
                AddLead(lead, settings, shingles, hashes, ref text);
            }

            if (shingles.Count == 0)
            {
                return Empty;
            }

            // The text's identifiers: the title's own always (so a signature never conflicts with itself), then the
            // lead's smallest ones that are not the title's, as many as there is room for.
            var leadIdentifiers = SmallestDistinct(hashes, MaxTextIdentifiers);
            int leadOnly = 0;
            foreach (uint identifier in leadIdentifiers)
            {
                if (Array.BinarySearch(titleNumbers, identifier) < 0 && Array.BinarySearch(titleVariants, identifier) < 0)
                {
                    leadIdentifiers[leadOnly++] = identifier;
                }
            }

            Span<uint> textIdentifiers = stackalloc uint[MaxTextIdentifiers];
            titleNumbers.CopyTo(textIdentifiers);
            titleVariants.CopyTo(textIdentifiers[titleNumbers.Length..]);
            int count = SortDistinct(textIdentifiers[..(titleNumbers.Length + titleVariants.Length)]);
            int fromLead = Math.Min(leadOnly, MaxTextIdentifiers - titleNumbers.Length - titleVariants.Length);
            leadIdentifiers[..fromLead].CopyTo(textIdentifiers[count..]);
            textIdentifiers = textIdentifiers[..(count + fromLead)];
            textIdentifiers.Sort();

            long weight = shingles.MakeDistinct();
            return new NearDuplicateSignature(
                (int)Math.Min(weight, ushort.MaxValue),
                MinHash.Compute(shingles.Shingles, shingles.Weights),
                titleNumbers,
                titleVariants,
                textIdentifiers.ToArray());
        }
        finally
        {
            text.Dispose();
            scratch.Clear();
        }
    }

    /// <summary>
    /// Adds the identifiers of the start of <paramref name="lead"/> (its first <see cref="Shingler.LeadIdentifierCharacters"/>)
    /// to <paramref name="hashes"/> and the shingles of its first <see cref="Shingler.LeadCharacters"/> to
    /// <paramref name="shingles"/>, normalizing its start only once where it can: the normalized start is the beginning
    /// of the normalized lead but for its last word (which the cut may have split), so when the start's other words
    /// already give all the lead's shingles, they are the lead's.
    /// </summary>
    private static void AddLead(string lead, ShingleSettings settings, WeightedShingles shingles, List<uint> hashes, ref PooledCharBuilder text)
    {
        var start = lead.AsSpan(0, Math.Min(lead.Length, Shingler.LeadIdentifierCharacters));
        Shingler.AddNumbers(start, NumberKey, hashes);
        Shingler.Normalize(start, ref text);
        Shingler.AddVariants(text.AsSpan(), VariantKey, hashes);
        if (settings.LeadShingles <= 0)
        {
            return;
        }

        if (start.Length == lead.Length)
        {
            Shingler.AddLeadShingles(text.AsSpan(), settings, shingles);
            return;
        }

        // Not when the cut splits a surrogate pair: the start then ends in half a character the lead does not have.
        int before = shingles.Count;
        if (!char.IsHighSurrogate(start[^1]))
        {
            var normalized = text.AsSpan().TrimEnd(' ');
            if (Shingler.AddLeadShingles(normalized[..(normalized.LastIndexOf(' ') + 1)], settings, shingles))
            {
                return;
            }

            shingles.RemoveFrom(before);
        }

        Shingler.Normalize(lead.AsSpan(0, Math.Min(lead.Length, Shingler.LeadCharacters)), ref text);
        Shingler.AddLeadShingles(text.AsSpan(), settings, shingles);
    }

    /// <summary>
    /// How alike the two texts are, from 0 to 1: the MinHash estimate of the weighted Jaccard similarity of their
    /// shingles; 0 when their identifiers contradict each other (see <see cref="HaveConflictingIdentifiers"/>), when
    /// they share less than three words' weight (short titles without a lead), or when either is <see cref="IsEmpty"/>.
    /// </summary>
    public double Similarity(NearDuplicateSignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        double similarity = ShingleSimilarity(other);
        if (similarity == 0 || HaveConflictingIdentifiers(this, other))
        {
            return 0;
        }

        // Weighted Jaccard J = I / (A + B - I), so the weight both share is I = J (A + B) / (1 + J).
        double shared = similarity * (_weight + other._weight) / (1 + similarity);
        return shared < MinSharedWeight ? 0 : similarity;
    }

    /// <summary>The MinHash estimate alone, identifiers not considered.</summary>
    internal double ShingleSimilarity(NearDuplicateSignature other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return 0;
        }

        return (double)EqualSlots(_slots, other._slots) / _slots.Length;
    }

    /// <summary>How many of <paramref name="mine"/>'s slots equal <paramref name="theirs"/>' at the same position (vectorized).</summary>
    internal static int EqualSlots(ReadOnlySpan<uint> mine, ReadOnlySpan<uint> theirs)
    {
        theirs = theirs[..mine.Length];
        ref uint a = ref MemoryMarshal.GetReference(mine);
        ref uint b = ref MemoryMarshal.GetReference(theirs);
        int equal = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= mine.Length - Vector512<uint>.Count; i += Vector512<uint>.Count)
            {
                equal += BitOperations.PopCount(Vector512.Equals(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i)).ExtractMostSignificantBits());
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= mine.Length - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                equal += BitOperations.PopCount(Vector256.Equals(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i)).ExtractMostSignificantBits());
            }
        }

        for (; i < mine.Length; i++)
        {
            if (mine[i] == theirs[i])
            {
                equal++;
            }
        }

        return equal;
    }

    /// <summary>
    /// How many 4-bit halves of <paramref name="mine"/> equal <paramref name="theirs"/>' at the same position
    /// (vectorized): for fingerprints packing two slots' low 4 bits into each byte, an upper bound of the equal slots.
    /// </summary>
    internal static int EqualNibbles(ReadOnlySpan<byte> mine, ReadOnlySpan<byte> theirs)
    {
        theirs = theirs[..mine.Length];
        ref byte a = ref MemoryMarshal.GetReference(mine);
        ref byte b = ref MemoryMarshal.GetReference(theirs);
        int equal = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= mine.Length - Vector512<byte>.Count; i += Vector512<byte>.Count)
            {
                var differ = Vector512.LoadUnsafe(ref a, (nuint)i) ^ Vector512.LoadUnsafe(ref b, (nuint)i);
                equal += BitOperations.PopCount(Vector512.Equals(differ & Vector512.Create((byte)0x0F), Vector512<byte>.Zero).ExtractMostSignificantBits())
                    + BitOperations.PopCount(Vector512.Equals(differ & Vector512.Create((byte)0xF0), Vector512<byte>.Zero).ExtractMostSignificantBits());
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= mine.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var differ = Vector256.LoadUnsafe(ref a, (nuint)i) ^ Vector256.LoadUnsafe(ref b, (nuint)i);
                equal += BitOperations.PopCount(Vector256.Equals(differ & Vector256.Create((byte)0x0F), Vector256<byte>.Zero).ExtractMostSignificantBits())
                    + BitOperations.PopCount(Vector256.Equals(differ & Vector256.Create((byte)0xF0), Vector256<byte>.Zero).ExtractMostSignificantBits());
            }
        }

        for (; i < mine.Length; i++)
        {
            int differ = mine[i] ^ theirs[i];
            equal += ((differ & 0x0F) == 0 ? 1 : 0) + ((differ & 0xF0) == 0 ? 1 : 0);
        }

        return equal;
    }

    /// <summary>
    /// True when the titles name different things: a model-variant word in one title ("Flash", "mini", "Sonnet") that
    /// the other item never mentions, or each title has a number the other item never mentions ("V4" and "V3.2",
    /// "H100" and "H200", "$4 trillion" and "$5 trillion"). A number in only one title is no conflict: rewrites add
    /// details ("Grok 4" and "Grok 4 launches with $300 a month tier").
    /// </summary>
    internal static bool HaveConflictingIdentifiers(NearDuplicateSignature a, NearDuplicateSignature b) =>
        AnyMissing(a._titleVariants, b._textIdentifiers)
        || AnyMissing(b._titleVariants, a._textIdentifiers)
        || (AnyMissing(a._titleNumbers, b._textIdentifiers) && AnyMissing(b._titleNumbers, a._textIdentifiers));

    internal ReadOnlySpan<uint> Slots => _slots;


    /// <summary>
    /// <see cref="FormatVersion"/>; then, unless empty, the total shingle weight (16 bits), the 128 MinHash slots (32
    /// bits each), and the title numbers, title variants and text identifiers, each as a count byte and that many
    /// 32-bit hashes; little-endian.
    /// </summary>
    public byte[] ToBytes()
    {
        if (IsEmpty)
        {
            return [FormatVersion];
        }

        var lists = new[] { _titleNumbers, _titleVariants, _textIdentifiers };
        var bytes = new byte[1 + sizeof(ushort) + (sizeof(uint) * _slots.Length) + lists.Sum(l => 1 + (sizeof(uint) * l.Length))];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(1), (ushort)_weight);
        int offset = 1 + sizeof(ushort);
        foreach (var slot in _slots)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), slot);
            offset += sizeof(uint);
        }

        foreach (var list in lists)
        {
            bytes[offset++] = (byte)list.Length;
            foreach (var value in list)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
                offset += sizeof(uint);
            }
        }

        return bytes;
    }

    /// <summary>Reads <see cref="ToBytes"/>.</summary>
    /// <exception cref="FormatException">Not a signature of <see cref="FormatVersion"/>.</exception>
    public static NearDuplicateSignature FromBytes(ReadOnlySpan<byte> bytes) =>
        TryFromBytes(bytes, out var signature)
            ? signature
            : throw new FormatException($"Not a near-duplicate signature of format version {FormatVersion} ({bytes.Length} bytes).");

    /// <summary>Reads <see cref="ToBytes"/>; false for anything else, e.g. another <see cref="FormatVersion"/>.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out NearDuplicateSignature? signature)
    {
        signature = null;
        if (bytes.Length == 0 || bytes[0] != FormatVersion)
        {
            return false;
        }

        if (bytes.Length == 1)
        {
            signature = Empty;
            return true;
        }

        if (bytes.Length < 1 + sizeof(ushort))
        {
            return false;
        }

        int weight = BinaryPrimitives.ReadUInt16LittleEndian(bytes[1..]);
        var rest = bytes[(1 + sizeof(ushort))..];
        if (weight == 0
            || !TryRead(ref rest, MinHash.Slots, out var slots)
            || !TryReadCounted(ref rest, MaxTitleIdentifiers, out var titleNumbers)
            || !TryReadCounted(ref rest, MaxTitleIdentifiers, out var titleVariants)
            || !TryReadCounted(ref rest, MaxTextIdentifiers, out var textIdentifiers)
            || !rest.IsEmpty)
        {
            return false;
        }

        signature = new NearDuplicateSignature(weight, slots, titleNumbers, titleVariants, textIdentifiers);
        return true;
    }

    /// <summary><see cref="ToBytes"/> as Base64.</summary>
    public override string ToString() => Convert.ToBase64String(ToBytes());

    /// <summary>Reads <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Not Base64 of a signature of <see cref="FormatVersion"/>.</exception>
    public static NearDuplicateSignature Parse(string text) =>
        TryParse(text, out var signature)
            ? signature
            : throw new FormatException($"Not a near-duplicate signature of format version {FormatVersion}.");

    /// <summary>Reads <see cref="ToString"/>; false when it is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out NearDuplicateSignature? signature)
    {
        signature = null;
        if (text is null)
        {
            return false;
        }

        var bytes = new byte[((text.Length * 3) / 4) + 3];
        return Convert.TryFromBase64String(text, bytes, out int written) && TryFromBytes(bytes.AsSpan(0, written), out signature);
    }

    public bool Equals(NearDuplicateSignature? other) =>
        other is not null
        && _weight == other._weight
        && _slots.AsSpan().SequenceEqual(other._slots)
        && _titleNumbers.AsSpan().SequenceEqual(other._titleNumbers)
        && _titleVariants.AsSpan().SequenceEqual(other._titleVariants)
        && _textIdentifiers.AsSpan().SequenceEqual(other._textIdentifiers);

    public override bool Equals(object? obj) => Equals(obj as NearDuplicateSignature);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var slot in _slots)
        {
            hash.Add(slot);
        }

        return hash.ToHashCode();
    }

    /// <summary>
    /// <paramref name="hashes"/> sorted and distinct, at most <paramref name="max"/> (the smallest: the same ones on
    /// every machine), in place: a span of the list.
    /// </summary>
    private static Span<uint> SmallestDistinct(List<uint> hashes, int max)
    {
        var span = CollectionsMarshal.AsSpan(hashes);
        span.Sort();
        return span[..Math.Min(Distinct(span), max)];
    }

    /// <summary>Sorts <paramref name="values"/> and moves each value once to the front; returns how many there are.</summary>
    private static int SortDistinct(Span<uint> values)
    {
        values.Sort();
        return Distinct(values);
    }

    /// <summary>Moves each value of the sorted <paramref name="values"/> once to the front; returns how many there are.</summary>
    private static int Distinct(Span<uint> values)
    {
        int distinct = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (distinct == 0 || values[distinct - 1] != values[i])
            {
                values[distinct++] = values[i];
            }
        }

        return distinct;
    }

    /// <summary>
    /// What <see cref="Compute(string, string?, ShingleSettings)"/> works in, one per thread and reused by its every call
    /// (Compute calls nothing that could compute another signature on the same thread meanwhile), so that a signature
    /// allocates little more than itself.
    /// </summary>
    private sealed class Scratch
    {
        /// <summary>Chars for normalized text: enough for the lead's <see cref="Shingler.LeadCharacters"/> in most scripts; longer texts rent more.</summary>
        private const int TextCharacters = 1024;

        /// <summary>Identifier hashes kept between calls, at most (a text full of numbers may need more once).</summary>
        private const int RetainedIdentifiers = 1024;

        [ThreadStatic]
        private static Scratch? t_current;

        public char[] Text { get; } = new char[TextCharacters];

        public WeightedShingles Shingles { get; } = new();

        public List<uint> Identifiers { get; } = [];

        public static Scratch ForThisThread() => t_current ??= new Scratch();

        public void Clear()
        {
            Shingles.Clear();
            Identifiers.Clear();
            if (Identifiers.Capacity > RetainedIdentifiers)
            {
                Identifiers.Capacity = RetainedIdentifiers;
            }
        }
    }

    private static bool AnyMissing(uint[] values, uint[] sortedSet)
    {
        foreach (var value in values)
        {
            if (Array.BinarySearch(sortedSet, value) < 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryRead(ref ReadOnlySpan<byte> bytes, int count, out uint[] values)
    {
        values = [];
        if (bytes.Length < count * sizeof(uint))
        {
            return false;
        }

        values = new uint[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * sizeof(uint))..]);
        }

        bytes = bytes[(count * sizeof(uint))..];
        return true;
    }

    private static bool TryReadCounted(ref ReadOnlySpan<byte> bytes, int max, out uint[] values)
    {
        values = [];
        if (bytes.IsEmpty || bytes[0] > max)
        {
            return false;
        }

        int count = bytes[0];
        bytes = bytes[1..];
        if (!TryRead(ref bytes, count, out values))
        {
            return false;
        }

        // Sorted and distinct, as Compute makes them: anything else was not written by ToBytes.
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] <= values[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
