namespace Monitor.Digests.Highlighting;

/// <summary>A highlighted range of an original text: <c>[Start, End)</c> in UTF-16 code units, never splitting a surrogate pair.</summary>
public readonly record struct TextMark(int Start, int End)
{
    public int Length => End - Start;
}
