namespace Portal.Identity;

/// <summary>An entry of the staff menu; shown only to users holding <see cref="Permission"/>.</summary>
public sealed record AdminMenuItem(string Title, string Url, string Permission, int Order);
