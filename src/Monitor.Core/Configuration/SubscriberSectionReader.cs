using System.Text.Json;
using Monitor.Core.Scheduling;

namespace Monitor.Core.Configuration;

/// <summary>Reads <c>$.subscribers</c>, checking their topics against the ids defined in <c>$.topics</c>.</summary>
internal static class SubscriberSectionReader
{
    private static readonly string[] Known = ["email", "name", "topics", "schedule", "timeZone"];

    public static List<SubscriberDefinition> Read(ConfigReader reader, JsonElement section, string path, IReadOnlyList<string> topicIds)
    {
        var subscribers = new List<SubscriberDefinition>();
        var items = reader.ReadArray(section, path);
        if (items is null)
        {
            return subscribers;
        }

        var firstByEmail = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (element, itemPath) in items)
        {
            var obj = reader.ReadObject(element, itemPath, Known);
            if (obj is not null && ReadSubscriber(reader, obj, firstByEmail, topicIds) is { } subscriber)
            {
                subscribers.Add(subscriber);
            }
        }

        return subscribers;
    }

    private static SubscriberDefinition? ReadSubscriber(
        ConfigReader reader, ConfigObject obj, Dictionary<string, string> firstByEmail, IReadOnlyList<string> topicIds)
    {
        var valid = true;

        var email = reader.ReadRequiredString(obj, "email");
        if (email is null)
        {
            valid = false;
        }
        else if (EmailAddressRules.Validate(email) is { } emailError)
        {
            reader.Report(obj.PathOf("email"), emailError);
            valid = false;
        }
        else if (firstByEmail.TryGetValue(email, out var firstPath))
        {
            reader.Report(obj.PathOf("email"), $"duplicate subscriber email '{email}' (first at {firstPath})");
            valid = false;
        }
        else
        {
            firstByEmail[email] = obj.Path;
        }

        var name = reader.ReadOptionalString(obj, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            name = null;
        }

        var topics = ReadTopics(reader, obj, topicIds);
        valid &= topics is not null;

        var schedule = DigestSchedule.Default;
        if (obj.TryGet("schedule", out _))
        {
            var text = reader.ReadOptionalString(obj, "schedule");
            if (text is null)
            {
                valid = false;
            }
            else if (!DigestSchedule.TryParse(text, out var parsed, out var scheduleError))
            {
                reader.Report(obj.PathOf("schedule"), scheduleError);
                valid = false;
            }
            else
            {
                schedule = parsed;
            }
        }

        var timeZone = TimeZoneInfo.Utc;
        if (obj.TryGet("timeZone", out _))
        {
            var id = reader.ReadOptionalString(obj, "timeZone");
            if (id is null)
            {
                valid = false;
            }
            else if (TimeZoneLookup.TryFind(id, out var zone) is { } zoneError)
            {
                reader.Report(obj.PathOf("timeZone"), zoneError);
                valid = false;
            }
            else
            {
                timeZone = zone!;
            }
        }

        return valid ? new SubscriberDefinition(email!, name, topics!, schedule, timeZone) : null;
    }

    private static List<string>? ReadTopics(ConfigReader reader, ConfigObject obj, IReadOnlyList<string> topicIds)
    {
        if (!obj.TryGet("topics", out var element))
        {
            reader.Report(obj.Path, "missing required property 'topics'");
            return null;
        }

        var path = obj.PathOf("topics");
        var items = reader.ReadStringArray(element, path);
        if (items is null)
        {
            return null;
        }

        var valid = items.Count == element.GetArrayLength();
        if (element.GetArrayLength() == 0)
        {
            reader.Report(path, "must list at least one topic id");
            return null;
        }

        var topics = new List<string>(items.Count);
        foreach (var (id, itemPath) in items)
        {
            if (!topicIds.Contains(id, StringComparer.Ordinal))
            {
                var known = topicIds.Count == 0 ? "none" : string.Join(", ", topicIds);
                reader.Report(itemPath, $"unknown topic '{id}' (known: {known})");
                valid = false;
            }
            else if (topics.Contains(id, StringComparer.Ordinal))
            {
                reader.Report(itemPath, $"topic '{id}' is listed twice");
                valid = false;
            }
            else
            {
                topics.Add(id);
            }
        }

        return valid ? topics : null;
    }
}
