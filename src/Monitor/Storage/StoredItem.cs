using Monitor.Core.Items;

namespace Monitor.Storage;

/// <summary>
/// An item as <see cref="IMonitorStore.AddItemsAsync"/> stored it: its row id, the item as it will be read back (the
/// summary capped to what the store keeps) and when it was first seen (to the store's millisecond precision).
/// </summary>
public sealed record StoredItem(long Id, FeedItem Item, DateTimeOffset FirstSeen);
