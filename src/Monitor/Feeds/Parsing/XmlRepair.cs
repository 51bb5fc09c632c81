namespace Monitor.Feeds.Parsing;

/// <summary>
/// The cleaning pass for an XML document the strict reader rejected: everything before the root element goes
/// (declaration, comments, stray text), characters XML forbids go, the markup is repaired (<see cref="MarkupRepair"/>),
/// a feed vocabulary bound to a prefix is unprefixed (<see cref="PrefixedVocabularyRepair"/>) and the root element is
/// repaired (<see cref="RootElementRepair"/>).
/// </summary>
internal static class XmlRepair
{
    public static string Repair(PreparedXml xml)
    {
        var text = XmlProlog.FromRoot(xml.Text, xml.TrailingWhiteSpace);
        text = XmlCharacters.RemoveDisallowed(text);
        text = MarkupRepair.Repair(text, xml.Entities);
        text = PrefixedVocabularyRepair.Repair(text);
        return RootElementRepair.Repair(text);
    }
}
