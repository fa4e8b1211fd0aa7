using Portal.Notifications.Outbox;

namespace Portal.Tests.Unit;

public sealed class AddressMaskTests
{
    [Theory]
    [InlineData("wang.wu@example.com", "w***@example.com")]
    [InlineData("a@b.cn", "a***@b.cn")]
    [InlineData("no-at-sign", "***")]
    [InlineData("", "")]
    public void Mask_KeepsOnlyTheFirstLetterAndTheDomain(string address, string expected) => Assert.Equal(expected, AddressMask.Mask(address));
}
