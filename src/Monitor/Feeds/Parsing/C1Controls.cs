using System.Text;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// C1 control characters (U+0080-U+009F) in feed text are windows-1252 punctuation decoded as Latin-1 (the curly
/// quote in "don’t" arriving as U+0092); they are read as windows-1252, as browsers do.
/// </summary>
internal static class C1Controls
{
    private const char First = '\u0080';
    private const char Last = '\u009F';

    /// <summary>U+0080 + i read as windows-1252 byte 0x80 + i; the five bytes it leaves undefined map to nothing.</summary>
    private static readonly string[] s_windows1252 = Enumerable.Range(First, Last - First + 1)
        .Select(c => CharsetLabels.Resolve("windows-1252")!.GetString([(byte)c]))
        .Select(s => s.Length == 1 && s[0] is >= First and <= Last ? string.Empty : s)
        .ToArray();

    public static string AsWindows1252(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange(First, Last) < 0)
        {
            return text;
        }

        var fixedText = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= First and <= Last)
            {
                fixedText.Append(s_windows1252[c - First]);
            }
            else
            {
                fixedText.Append(c);
            }
        }

        return fixedText.ToString();
    }
}
