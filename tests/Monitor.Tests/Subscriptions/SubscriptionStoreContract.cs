using Monitor.Storage.Sql;
using Monitor.Subscriptions;

namespace Monitor.Tests.Subscriptions;

/// <summary>
/// What <see cref="SqlSubscriptionStore"/> must do on every database: the status transitions of double opt-in, an
/// administrator's add, unsubscribing (also of an address it never stored), preference changes only when confirmed,
/// lower-cased emails, and a version that moves with every change. Each database runs it through a sealed subclass.
/// </summary>
public abstract class SubscriptionStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private SqlMonitorStore _monitor = null!;
    private SqlSubscriptionStore _store = null!;

    public async Task InitializeAsync()
    {
        _monitor = await OpenMigratedAsync();
        _store = new SqlSubscriptionStore(_monitor.Dialect);
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        _monitor.Dispose();
        await DropDatabaseAsync();
    }

    /// <summary>A migrated store on a fresh database for this test.</summary>
    protected abstract Task<SqlMonitorStore> OpenMigratedAsync();

    protected abstract Task DropDatabaseAsync();

    [Fact]
    public async Task Given_a_request_when_confirmed_then_it_goes_from_pending_to_confirmed_with_its_preferences_and_a_lower_cased_email()
    {
        Assert.True(await _store.RequestAsync("Zoë@Example.ORG", "Zoë", ["models", "chips"], "daily 07:00", "Asia/Tokyo", T0, None));

        var pending = await _store.GetAsync("zoë@example.org", None);
        Assert.NotNull(pending);
        Assert.Equal(("zoë@example.org", "Zoë", SubscriptionStatus.Pending), (pending.Email, pending.Name, pending.Status));
        Assert.Equal(["models", "chips"], pending.Topics);
        Assert.Equal(("daily 07:00", "Asia/Tokyo", T0, (DateTimeOffset?)null), (pending.Schedule, pending.TimeZone, pending.CreatedAt, pending.ConfirmedAt));

        Assert.True(await _store.ConfirmAsync("ZOË@example.org", T0.AddMinutes(5), None));
        Assert.False(await _store.ConfirmAsync("zoë@example.org", T0.AddMinutes(6), None)); // only once

        var confirmed = await _store.GetAsync("zoë@example.org", None);
        Assert.Equal((SubscriptionStatus.Confirmed, (DateTimeOffset?)T0.AddMinutes(5), T0.AddMinutes(5)), (confirmed!.Status, confirmed.ConfirmedAt, confirmed.UpdatedAt));
    }

    [Fact]
    public async Task Given_a_confirmed_subscription_when_someone_requests_it_again_then_nothing_changes()
    {
        await _store.AddConfirmedAsync("a@example.org", "A", ["models"], "immediate", "UTC", T0, None);

        Assert.False(await _store.RequestAsync("a@example.org", "Mallory", ["chips"], "hourly", "UTC", T0.AddHours(1), None));

        var stored = await _store.GetAsync("a@example.org", None);
        Assert.Equal((SubscriptionStatus.Confirmed, "A", "immediate"), (stored!.Status, stored.Name, stored.Schedule));
        Assert.Equal(["models"], stored.Topics);
    }

    [Fact]
    public async Task Given_an_unsubscribed_address_when_it_requests_again_then_it_is_pending_and_keeps_the_time_it_left()
    {
        await _store.AddConfirmedAsync("a@example.org", null, ["models"], "immediate", "UTC", T0, None);
        Assert.True(await _store.UnsubscribeAsync("a@example.org", [], "x", "x", T0.AddDays(1), None));
        Assert.False(await _store.UnsubscribeAsync("a@example.org", [], "x", "x", T0.AddDays(2), None)); // already

        Assert.True(await _store.RequestAsync("a@example.org", null, ["chips"], "hourly", "UTC", T0.AddDays(3), None));

        var stored = await _store.GetAsync("a@example.org", None);
        Assert.Equal((SubscriptionStatus.Pending, (DateTimeOffset?)T0.AddDays(1)), (stored!.Status, stored.UnsubscribedAt));
        Assert.Equal(["chips"], stored.Topics);
        Assert.True(SubscriptionService.IsOptOut(stored)); // until confirmed again
    }

    [Fact]
    public async Task Given_an_address_never_stored_when_unsubscribed_then_an_opt_out_row_is_recorded_with_the_given_preferences()
    {
        Assert.True(await _store.UnsubscribeAsync("Boss@Example.com", ["models"], "daily 08:00", "Europe/Berlin", T0, None));

        var stored = await _store.GetAsync("boss@example.com", None);
        Assert.Equal((SubscriptionStatus.Unsubscribed, "daily 08:00", "Europe/Berlin", (DateTimeOffset?)T0), (stored!.Status, stored.Schedule, stored.TimeZone, stored.UnsubscribedAt));
        Assert.True(SubscriptionService.IsOptOut(stored));
    }

    [Fact]
    public async Task Given_subscriptions_in_each_state_when_updated_then_only_the_confirmed_one_changes()
    {
        await _store.RequestAsync("pending@example.org", null, ["models"], "immediate", "UTC", T0, None);
        await _store.AddConfirmedAsync("confirmed@example.org", null, ["models"], "immediate", "UTC", T0, None);
        await _store.AddConfirmedAsync("gone@example.org", null, ["models"], "immediate", "UTC", T0, None);
        await _store.UnsubscribeAsync("gone@example.org", [], "x", "x", T0, None);

        Assert.False(await _store.UpdateAsync("pending@example.org", "P", ["chips"], "hourly", "UTC", T0.AddHours(1), None));
        Assert.True(await _store.UpdateAsync("confirmed@example.org", "C", ["chips", "models"], "weekly mon 08:00", "America/New_York", T0.AddHours(1), None));
        Assert.False(await _store.UpdateAsync("gone@example.org", "G", ["chips"], "hourly", "UTC", T0.AddHours(1), None));
        Assert.False(await _store.UpdateAsync("nobody@example.org", "N", ["chips"], "hourly", "UTC", T0.AddHours(1), None));

        var all = await _store.ListAsync(None);
        Assert.Equal(["confirmed@example.org", "gone@example.org", "pending@example.org"], all.Select(s => s.Email));
        Assert.Equal(["models"], all[2].Topics);
        Assert.Equal(("C", "weekly mon 08:00", "America/New_York"), (all[0].Name, all[0].Schedule, all[0].TimeZone));
        Assert.Equal(["chips", "models"], all[0].Topics);
        Assert.Equal(["models"], all[1].Topics);
    }

    [Fact]
    public async Task Given_the_version_when_anything_changes_then_it_moves_and_otherwise_it_stays()
    {
        var empty = await _store.GetVersionAsync(None);
        Assert.Equal(empty, await _store.GetVersionAsync(None));

        await _store.RequestAsync("a@example.org", null, ["models"], "immediate", "UTC", T0, None);
        var requested = await _store.GetVersionAsync(None);
        await _store.ConfirmAsync("a@example.org", T0.AddSeconds(1), None);
        var confirmed = await _store.GetVersionAsync(None);
        await _store.ConfirmAsync("a@example.org", T0.AddSeconds(2), None); // no change
        var unchanged = await _store.GetVersionAsync(None);

        Assert.Equal(3, new[] { empty, requested, confirmed }.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(confirmed, unchanged);
    }
}
