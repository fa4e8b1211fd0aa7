namespace Portal.EndToEnd;

/// <summary>
/// A site of its own for the XSS corpus: the corpus changes the site name and fills pages with hostile text, which
/// no other journey should see. A comment period may be seconds long (minimum 0 days), so a consultation can be
/// opened, commented, closed, answered and finalized while the test runs; the per-address limits are raised because
/// every vector arrives from 127.0.0.1.
/// </summary>
public sealed class XssSite : PortalServer
{
    protected override IReadOnlyDictionary<string, string> SiteEnvironment { get; } = new Dictionary<string, string>
    {
        ["Portal__Consultations__MinimumDays"] = "0",
        ["Portal__Consultations__CommentsPerIpPerMinute"] = "10000",
        ["Portal__Consultations__CommentsPerEmailPerHour"] = "10000",
        ["Portal__Hearings__SignUpsPerIpPerMinute"] = "10000",
        ["Portal__Notifications__SubscribesPerIpPerMinute"] = "10000",
        ["Portal__Notifications__ConfirmationsPerEmailPerHour"] = "10000",
    };
}

[CollectionDefinition(Name)]
public sealed class XssCollection : ICollectionFixture<XssSite>
{
    public const string Name = "XSS corpus site";
}
