using System.Text.Json.Serialization;

namespace Monitor.Storage.Sql;

/// <summary>
/// The JSON columns (categories, matched terms, a digest attempt's story and title keys, a subscription's topics), all
/// lists of strings, serialized by generated code: no reflection, the same text in the native (AOT) build as in any other.
/// </summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class StorageJson : JsonSerializerContext;
