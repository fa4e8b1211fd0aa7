namespace Portal.Notifications.Outbox;

/// <summary>What logs may say about an address: <c>w***@example.com</c>.</summary>
public static class AddressMask
{
    public static string Mask(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "";
        }
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : address[0] + "***" + address[at..];
    }
}
