using System.Net;
using Monitor.Subscriptions;

namespace Monitor.Tests.Subscriptions;

/// <summary>Which requests share a subscribe rate limit: one IPv4 address, or one IPv6 /64 network.</summary>
[Trait("Category", "Unit")]
public sealed class RateLimitPartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")] // IPv4 on a dual-stack socket counts as the IPv4 address
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")] // same network, same partition
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void Given_a_client_address_when_partitioned_then_the_key_is_its_address_or_network(string address, string expected) =>
        Assert.Equal(expected, SubscriptionEndpoints.ClientKey(IPAddress.Parse(address)));

    [Fact]
    public void Given_no_client_address_when_partitioned_then_all_such_requests_share_one_key() =>
        Assert.Equal("unknown", SubscriptionEndpoints.ClientKey(null));
}
