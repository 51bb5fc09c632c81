namespace Monitor.Core.Dedup;

/// <summary>
/// Words that say nothing about which story an item tells, in normalized form (lower case, no diacritics: "für" is
/// "fur", "daß" is "dass"): English and German function words, and the verbs and fillers of news headlines
/// ("announces", "launches", "report", "kündigt ... an") that every outlet words differently and that all stories share.
/// </summary>
internal static class StopWords
{
    private static readonly PackedWordSet s_words = new(
    [
        // English function words.
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
        "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me",
        "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
        "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
        "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon",
        "very", "via", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours", "s", "t", "ll", "ve", "re", "d", "m", "vs", "per", "amid", "within",
        "without", "across", "toward", "towards", "yet", "may", "might", "must", "shall", "according",

        // German function words (normalized).
        "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "ander", "andere", "anderen",
        "auch", "auf", "aus", "bei", "beim", "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "dem", "den",
        "denn", "der", "des", "dessen", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort",
        "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "etwa", "euch", "fur", "gegen",
        "hat", "hatte", "hatten", "ihr", "ihre", "ihrem", "ihren", "ihrer", "im", "in", "ins", "ist", "jetzt", "kann",
        "kein", "keine", "man", "mehr", "mit", "muss", "nach", "nicht", "noch", "nun", "nur", "ob", "oder", "ohne",
        "sehr", "sein", "seine", "seinem", "seinen", "seiner", "sich", "sie", "sind", "so", "soll", "sollen", "uber",
        "um", "und", "uns", "unter", "vom", "von", "vor", "war", "waren", "was", "weil", "wenn", "werden", "wie", "wieder",
        "will", "wir", "wird", "wurde", "wurden", "zu", "zum", "zur", "zwischen", "neue", "neuen", "neuer", "neues",

        // Headline verbs and fillers (English): how an outlet words a story, not which story it is.
        "new", "announce", "announces", "announced", "announcing", "launch", "launches", "launched", "launching",
        "release", "releases", "released", "releasing", "unveil", "unveils", "unveiled", "unveiling", "introduce",
        "introduces", "introduced", "introducing", "debut", "debuts", "debuted", "reveal", "reveals", "revealed",
        "roll", "rolls", "rolled", "rolling", "ship", "ships", "shipped", "say", "says", "said", "report", "reports",
        "reported", "reportedly", "news", "today", "now", "update", "updated", "latest", "first", "look", "here",
        "one", "get", "gets", "makes", "make", "brings", "bring", "available", "officially", "finally", "week",

        // Headline verbs and fillers (German).
        "stellt", "vor", "kundigt", "veroffentlicht", "bringt", "heute", "erste", "ersten", "offiziell", "bericht",
        "berichtet", "laut", "sagt", "gibt", "neu",
    ]);

    public static bool Contains(ReadOnlySpan<char> word) => s_words.Contains(word);
}
