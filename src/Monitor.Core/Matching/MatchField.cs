namespace Monitor.Core.Matching;

public enum MatchField
{
    Title,
    Summary,
    Categories,
}
