namespace Monitor.Core.Text;

/// <summary>HTML to the plain text a reader sees.</summary>
public static class HtmlText
{
    /// <summary>Strips tags (dropping script/style/head content), decodes entities, collapses whitespace. Null gives "".</summary>
    public static string ToPlainText(string? html) => throw new NotImplementedException();
}
