namespace Monitor.Core.Dedup;

/// <summary>When two items are one story: signatures at least <see cref="Threshold"/> similar, first seen at most <see cref="Window"/> apart.</summary>
public sealed record NearDuplicateOptions
{
    /// <param name="threshold">
    /// The least <see cref="NearDuplicateSignature.Similarity"/> of two items of the same story, in (0, 1]; 0 turns
    /// near-duplicate detection off.
    /// </param>
    /// <param name="window">
    /// The longest time between the first sightings of two items of the same story: a later story with similar words
    /// (next year's release of the same product line, a follow-up) stays separate. <see cref="TimeSpan.MaxValue"/> for no limit.
    /// </param>
    public NearDuplicateOptions(double threshold, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        Threshold = threshold;
        Window = window;
    }

    /// <summary><see cref="NearDuplicates.DefaultThreshold"/> within <see cref="NearDuplicates.DefaultWindow"/>.</summary>
    public static NearDuplicateOptions Default { get; } = new(NearDuplicates.DefaultThreshold, NearDuplicates.DefaultWindow);

    /// <summary>No near-duplicate detection: nothing is a near-duplicate of anything.</summary>
    public static NearDuplicateOptions Disabled { get; } = new(0, TimeSpan.Zero);

    public double Threshold { get; }

    public TimeSpan Window { get; }

    public bool Enabled => Threshold > 0;

    /// <summary>True when the items are close enough in time and in words to be one story.</summary>
    public bool AreNearDuplicates(NearDuplicateSignature a, DateTimeOffset aSeen, NearDuplicateSignature b, DateTimeOffset bSeen) =>
        Enabled && WithinWindow(aSeen, bSeen) && a.Similarity(b) >= Threshold;

    internal bool WithinWindow(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() <= Window;
}
