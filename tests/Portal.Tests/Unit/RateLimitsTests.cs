using System.Net;
using Portal.Core;

namespace Portal.Tests.Unit;

public sealed class RateLimitsTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2::a", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:1:2:3", "2001:db8:1:2::/64")]
    [InlineData("fe80::1%2", "fe80::/64")]
    [InlineData("2001:db8:1:3::a", "2001:db8:1:3::/64")]
    public void ClientKey_IsTheIPv4Address_OrTheIPv6Slash64(string address, string expected) =>
        Assert.Equal(expected, RateLimits.ClientKey(IPAddress.Parse(address)));

    [Fact]
    public void ClientKey_WithoutAnAddress_IsOneSharedKey() => Assert.Equal("unknown", RateLimits.ClientKey(null));
}
