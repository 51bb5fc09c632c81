namespace Monitor.Tests.Infrastructure;

/// <summary>Asks again until a condition holds or time runs out: for what a separate process or server does in its own time.</summary>
public static class Eventually
{
    /// <summary>True as soon as <paramref name="condition"/> holds; false when it still does not at <paramref name="timeout"/> (asked once more then).</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(500));
        }

        return await condition();
    }
}
