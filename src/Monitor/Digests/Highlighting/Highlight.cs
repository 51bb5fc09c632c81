namespace Monitor.Digests.Highlighting;

/// <summary>Where the given terms occur in a text: merged, ordered marks, and which of the terms were found.</summary>
public sealed record Highlight(string Text, IReadOnlyList<TextMark> Marks, IReadOnlyList<string> FoundTerms)
{
    /// <summary>The text split into plain and marked runs, in order; concatenated they give back <see cref="Text"/>.</summary>
    public IEnumerable<(string Run, bool Marked)> Runs()
    {
        var at = 0;
        foreach (var mark in Marks)
        {
            if (mark.Start > at)
            {
                yield return (Text[at..mark.Start], false);
            }

            yield return (Text[mark.Start..mark.End], true);
            at = mark.End;
        }

        if (at < Text.Length)
        {
            yield return (Text[at..], false);
        }
    }
}
